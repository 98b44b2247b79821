import type { AttachmentRef, Message } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { type MessageRow, presentMessage } from '../messages/presenter.js';

export type AttachmentRow = {
  id: string;
  account_id: string;
  conversation_id: string;
  message_id: string | null;
  uploader_type: 'contact' | 'user';
  uploader_id: string;
  file_name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  private: boolean;
  purpose: 'call_snapshot' | 'call_recording' | null;
  call_id: string | null;
  created_at: Date;
};

export type NewAttachment = Omit<AttachmentRow, 'message_id' | 'created_at' | 'purpose' | 'call_id'> &
  Partial<Pick<AttachmentRow, 'purpose' | 'call_id'>>;

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

/** A file in a message; a call's snapshot or recording also says so (`action`) and names the call. */
export const attachmentRef = (a: NewAttachment): AttachmentRef & { action?: string; callId?: string } => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  byteSize: a.byte_size,
  url: attachmentUrl(a.id),
  ...(a.purpose && a.call_id ? { action: a.purpose, callId: a.call_id } : {}),
});

/** Stored before its message, with no message_id yet: such rows are uploads in flight (or a crash's leftovers). */
export async function insertAttachment(db: Pool, a: NewAttachment): Promise<void> {
  await db.query(
    `INSERT INTO attachments (id, account_id, conversation_id, uploader_type, uploader_id, file_name, content_type,
                              byte_size, sha256, private, purpose, call_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      a.id,
      a.account_id,
      a.conversation_id,
      a.uploader_type,
      a.uploader_id,
      a.file_name,
      a.content_type,
      a.byte_size,
      a.sha256,
      a.private,
      a.purpose ?? null,
      a.call_id ?? null,
    ],
  );
}

export async function linkAttachment(db: Pool, accountId: string, id: string, messageId: string): Promise<void> {
  await db.query('UPDATE attachments SET message_id = $3 WHERE account_id = $1 AND id = $2', [
    accountId,
    id,
    messageId,
  ]);
}

export async function deleteAttachment(db: Pool, accountId: string, id: string): Promise<void> {
  await db.query('DELETE FROM attachments WHERE account_id = $1 AND id = $2', [accountId, id]);
}

export async function findAttachment(db: Pool, accountId: string, id: string): Promise<AttachmentRow | undefined> {
  const { rows } = await db.query<AttachmentRow>('SELECT * FROM attachments WHERE account_id = $1 AND id = $2', [
    accountId,
    id,
  ]);
  return rows[0];
}

/** The message a sender already stored with this clientMsgId in this conversation (a resend), if any. */
export async function findResent(
  db: Pool,
  q: { accountId: string; conversationId: string; senderType: string; senderId: string; clientMsgId: string },
  senderName: string | null,
): Promise<Message | undefined> {
  const { rows } = await db.query<MessageRow>(
    `SELECT * FROM messages
      WHERE conversation_id = $1 AND sender_type = $2 AND sender_id = $3 AND client_msg_id = $4 AND account_id = $5`,
    [q.conversationId, q.senderType, q.senderId, q.clientMsgId, q.accountId],
  );
  const row = rows[0];
  return row && presentMessage(row, senderName);
}
