import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { Message } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { Principal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordCallEvent } from '../calls/index.js';
import { sendMessage } from '../messages/send-message.js';
import { type UploadRules, uploadRules } from './call-uploads.js';
import { cleanFileName } from './file-name.js';
import type { FileType } from './file-types.js';
import {
  attachmentRef,
  deleteAttachment,
  findResent,
  insertAttachment,
  linkAttachment,
  type NewAttachment,
} from './queries.js';
import { FILE_FIELD, readUploadForm, type UploadFields } from './read-form.js';
import {
  type AttachmentFiles,
  attachmentFiles,
  commitFile,
  discardFile,
  type Received,
  receiveFile,
  removeFiles,
} from './storage.js';

export type UploadInput = {
  /** Already allowed to write to the conversation (ConversationAccess). */
  principal: Principal;
  conversationId: string;
  parts: AsyncIterable<Multipart>;
};

type Stored = { fileName: string; received: Received<FileType> };
type FormFile = Stored | { resent: Message };

/**
 * Stores an uploaded file and posts it as one message (kind `image` or `file`) through sendMessage, so it is
 * delivered like any other message. Idempotent by clientMsgId: a resend gets the original message and stores
 * nothing. On any failure nothing is left behind: no file, no row.
 */
export async function uploadAttachment(ctx: AppContext, input: UploadInput): Promise<Message> {
  const { principal: p, conversationId } = input;
  const sender =
    p.kind === 'agent'
      ? { senderType: 'user' as const, senderId: p.userId, senderName: p.name }
      : { senderType: 'contact' as const, senderId: p.contactId, senderName: null };
  const resentWith = (clientMsgId: string | null) =>
    clientMsgId
      ? findResent(ctx.db.pool, { accountId: p.accountId, conversationId, clientMsgId, ...sender }, sender.senderName)
      : undefined;

  const id = uuidv7();
  const files = attachmentFiles(ctx.config, p.accountId, id);
  let rules: UploadRules | undefined;

  const receive = async (part: MultipartFile, fields: UploadFields): Promise<FormFile> => {
    const r = await uploadRules(ctx, p, conversationId, fields);
    rules = r;
    const resent = await resentWith(fields.clientMsgId);
    if (resent) {
      await discardFile(part.file, r.maxBytes);
      return { resent };
    }
    const fileName = cleanFileName(part.filename);
    const received = await receiveFile(part.file, files, {
      maxBytes: r.maxBytes,
      inspect: (head) => r.detect(fileName, head, part.mimetype),
    });
    return { fileName, received };
  };

  let kept = false;
  try {
    const form = await readUploadForm(input.parts, receive);
    if (!form.file) throw new AppError('validation_failed', `a file part named "${FILE_FIELD}" is required`);
    if ('resent' in form.file) return form.file.resent;
    // clientMsgId came after the file: look for the original only now.
    const resent = await resentWith(form.clientMsgId);
    if (resent) return resent;

    const { fileName, received } = form.file;
    if (!rules) throw new Error('upload rules not decided');
    const { call } = rules;
    const attachment: NewAttachment = {
      id,
      account_id: p.accountId,
      conversation_id: conversationId,
      uploader_type: sender.senderType,
      uploader_id: sender.senderId,
      file_name: fileName,
      content_type: received.inspected.contentType,
      byte_size: received.byteSize,
      sha256: received.sha256,
      private: rules.private,
      purpose: call?.purpose ?? null,
      call_id: call?.row.id ?? null,
    };
    const message = await store(ctx, files, attachment, {
      ...sender,
      accountId: p.accountId,
      conversationId,
      customerInboxId: p.kind === 'customer' ? p.inboxId : undefined,
      clientMsgId: form.clientMsgId,
      kind: received.inspected.kind,
      content: form.caption ?? fileName,
      private: rules.private,
    });
    kept = message.attachments[0]?.id === id;
    if (kept && call) {
      const event = call.purpose === 'call_snapshot' ? 'snapshot' : 'recording';
      await transaction(ctx, (tx) => recordCallEvent(tx, call.row, { event, by: sender.senderName, private: true }));
    }
    return message;
  } finally {
    if (!kept) await discard(ctx, files, p.accountId, id);
  }
}

type MessageFields = Omit<Parameters<typeof sendMessage>[1], 'attachments'>;

/**
 * Row first (message_id still null), then the file in place, then the message: whoever sees the message can
 * fetch the file. A racing resend with the same clientMsgId gets the original message back from sendMessage;
 * the caller then sees another attachment id and removes this one.
 */
async function store(
  ctx: AppContext,
  files: AttachmentFiles,
  attachment: NewAttachment,
  fields: MessageFields,
): Promise<Message> {
  await insertAttachment(ctx.db.pool, attachment);
  await commitFile(files);
  const message = await sendMessage(ctx, { ...fields, attachments: [attachmentRef(attachment)] });
  if (message.attachments[0]?.id === attachment.id) {
    // The message is out and refers to the file; a failed link must not make the caller remove it.
    await linkAttachment(ctx.db.pool, attachment.account_id, attachment.id, message.id).catch((err: unknown) =>
      ctx.log.error({ err, attachmentId: attachment.id }, 'could not link an attachment to its message'),
    );
  }
  return message;
}

async function discard(ctx: AppContext, files: AttachmentFiles, accountId: string, id: string): Promise<void> {
  try {
    await removeFiles(files);
    await deleteAttachment(ctx.db.pool, accountId, id);
  } catch (err) {
    ctx.log.error({ err, attachmentId: id }, 'could not remove an unused upload');
  }
}
