import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type CallRow, findCall, inboxCallSettings } from '../calls/index.js';
import { detectFileType, detectRecordingType, type FileType } from './file-types.js';
import type { UploadFields } from './read-form.js';

/** How one upload is checked and stored, from the fields sent before its file. */
export type UploadRules = {
  maxBytes: number;
  detect: (fileName: string, head: Buffer, declaredType: string) => FileType;
  /** A private note: agents only, never shown or served to the customer. */
  private: boolean;
  /** A call's snapshot or recording. */
  call: { row: CallRow; purpose: 'call_snapshot' | 'call_recording' } | null;
};

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', `body.${field}: ${message}`, [{ path: `body.${field}`, message }]);

/**
 * Agents may post a file as a private note, and attach a snapshot or a recording to a call of the conversation.
 * Recordings need the inbox's `calls.recording`, are WebM, and may be as large as WARMDESK_CALL_RECORDING_MAX_BYTES;
 * snapshots are images. Both are always private.
 */
export async function uploadRules(
  ctx: AppContext,
  p: Principal,
  conversationId: string,
  fields: UploadFields,
): Promise<UploadRules> {
  const plain: UploadRules = {
    maxBytes: ctx.config.uploadMaxBytes,
    detect: (name, head) => detectFileType(name, head),
    private: fields.private,
    call: null,
  };
  if (p.kind !== 'agent') {
    if (fields.private || fields.purpose || fields.callId) {
      throw new AppError('forbidden', 'only agents post private files or call media');
    }
    return plain;
  }
  if (!fields.purpose) {
    if (fields.callId) throw invalid('callId', 'goes with purpose (call_snapshot or call_recording)');
    return plain;
  }
  if (!fields.callId) throw invalid('callId', `required with purpose ${fields.purpose}`);
  const row = await findCall(ctx.db.pool, p.accountId, fields.callId);
  if (!row || row.conversation_id !== conversationId) throw invalid('callId', 'not a call of this conversation');
  const call = { row, purpose: fields.purpose };
  if (fields.purpose === 'call_snapshot') {
    return {
      ...plain,
      private: true,
      call,
      detect: (name, head) => {
        const type = detectFileType(name, head);
        if (type.kind !== 'image')
          throw new AppError('unsupported_media_type', 'a snapshot is an image (png, jpeg, webp)');
        return type;
      },
    };
  }
  const settings = await inboxCallSettings(ctx.db.pool, p.accountId, row.inbox_id);
  if (!settings.recording) throw new AppError('forbidden', 'this inbox does not allow call recordings');
  return { maxBytes: ctx.config.callRecordingMaxBytes, detect: detectRecordingType, private: true, call };
}
