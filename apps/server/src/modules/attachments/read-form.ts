import type { Multipart, MultipartFile } from '@fastify/multipart';
import { limits, zClientMsgId, zId, zMessageContent } from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { UploadStreamFailed } from './storage.js';

export type UploadPurpose = 'call_snapshot' | 'call_recording';

/**
 * `private`, `purpose` and `callId` (agents: a private note, a call's snapshot or recording) decide how the file is
 * checked, so they must come before the file.
 */
export type UploadFields = {
  clientMsgId: string | null;
  caption: string | null;
  private: boolean;
  purpose: UploadPurpose | null;
  callId: string | null;
};

const zPrivateField = z.enum(['true', 'false'], 'must be "true" or "false"');
const zPurposeField = z.enum(['call_snapshot', 'call_recording'], 'must be "call_snapshot" or "call_recording"');
const BEFORE_FILE = new Set(['private', 'purpose', 'callId']);
export type UploadForm<T> = UploadFields & { file: T | undefined };

export const FILE_FIELD = 'file';

/** Busboy limits for one upload form: one file, a few small fields. */
export const formLimits = (maxBytes: number) => ({
  files: 1,
  fields: 10,
  parts: 12,
  // Room for a caption of the longest message in UTF-8.
  fieldSize: limits.messageContentMaxChars * 4,
  // One byte over the limit reaches our own check (receiveFile), which answers with the limit.
  fileSize: maxBytes + 1,
});

/**
 * Reads an upload form part by part. The file is handed to `onFile` when it arrives, with the fields seen
 * before it (clients should send `clientMsgId` first so that a resend is recognised before its bytes are read).
 * Fields after the file are read too. Unknown fields are ignored.
 */
export async function readUploadForm<T>(
  parts: AsyncIterable<Multipart>,
  onFile: (file: MultipartFile, fieldsSoFar: UploadFields) => Promise<T>,
): Promise<UploadForm<T>> {
  const form: UploadForm<T> = {
    clientMsgId: null,
    caption: null,
    private: false,
    purpose: null,
    callId: null,
    file: undefined,
  };
  // Errors of the parser are the client's (malformed body, limits); errors of `onFile` are passed on as they are.
  let inHandler = false;
  try {
    for await (const part of parts) {
      inHandler = true;
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) {
          throw invalid(part.fieldname, `unexpected file part; send the file in the part named "${FILE_FIELD}"`);
        }
        const { file: _none, ...fieldsSoFar } = form;
        form.file = await onFile(part, fieldsSoFar);
      } else if (BEFORE_FILE.has(part.fieldname) && form.file !== undefined) {
        throw invalid(part.fieldname, 'send it before the file');
      } else if (part.fieldname === 'private') {
        form.private = parseField(zPrivateField, part.fieldname, part.value, part.valueTruncated) === 'true';
      } else if (part.fieldname === 'purpose') {
        form.purpose = parseField(zPurposeField, part.fieldname, part.value, part.valueTruncated);
      } else if (part.fieldname === 'callId') {
        form.callId = parseField(zId, part.fieldname, part.value, part.valueTruncated);
      } else if (part.fieldname === 'clientMsgId') {
        form.clientMsgId = parseField(zClientMsgId, part.fieldname, part.value, part.valueTruncated);
      } else if (part.fieldname === 'caption') {
        const text = typeof part.value === 'string' ? part.value : '';
        // An empty caption means none: the file name becomes the message text.
        form.caption = text.trim() ? parseField(zMessageContent, part.fieldname, text, part.valueTruncated) : null;
      }
      inHandler = false;
    }
  } catch (err) {
    if (err instanceof UploadStreamFailed) throw multipartError(err.reason);
    throw inHandler || err instanceof AppError ? err : multipartError(err);
  }
  return form;
}

function parseField<S extends z.ZodType<string>>(schema: S, name: string, value: unknown, truncated: boolean) {
  if (truncated) throw invalid(name, 'too long');
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(name, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', `body.${field}: ${message}`, [{ path: `body.${field}`, message }]);

/** The multipart plugin's and busboy's errors, as the API's error codes. */
function multipartError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new AppError('validation_failed', `send exactly one file, in the part named "${FILE_FIELD}"`);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('validation_failed', 'too many form fields');
    case 'FST_PROTO_VIOLATION':
      return new AppError('validation_failed', 'invalid form field name');
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('validation_failed', 'a form field declared as JSON is not valid JSON');
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('bad_request', 'the upload was interrupted');
    default:
      return new AppError('bad_request', `malformed multipart/form-data body: ${(err as Error).message}`);
  }
}
