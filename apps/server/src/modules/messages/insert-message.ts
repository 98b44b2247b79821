import type { MessageKind, SenderType } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { MessageRow } from './presenter.js';

export type InsertMessageInput = {
  accountId: string;
  conversationId: string;
  senderType: SenderType;
  senderId: string;
  clientMsgId: string | null;
  kind: MessageKind;
  content: string;
  private: boolean;
  attachments?: Record<string, unknown>[];
  /** Customers may only write to conversations of their own contact-inbox session. */
  contactInboxId?: string;
};

export type InsertedMessage = {
  row: MessageRow;
  created: boolean;
  contactInboxId: string | null;
  assigneeUserId: string | null;
  statusChange: { from: string; to: string } | null;
};

/*
 * One statement: lock the conversation row, return the original on a resend (same clientMsgId),
 * otherwise bump last_seq, insert the message with that seq and record the outbox event.
 * Two identical resends racing both pass the `existing` check; the loser hits the unique index,
 * its whole statement (seq bump included) rolls back, and the retry finds the original. No seq gap.
 */
const SQL = `
WITH conv AS (
  SELECT id, status, contact_inbox_id, assignee_user_id FROM conversations
   WHERE id = $1 AND account_id = $2 AND ($10::uuid IS NULL OR contact_inbox_id = $10)
   FOR UPDATE
),
existing AS (
  SELECT m.* FROM messages m
   WHERE m.conversation_id = $1 AND m.sender_type = $3 AND m.sender_id = $4 AND m.client_msg_id = $5
),
bump AS (
  UPDATE conversations c SET
    last_seq = c.last_seq + 1,
    last_message_at = now(),
    updated_at = now(),
    status = CASE WHEN $3 = 'contact' AND c.status IN ('resolved', 'snoozed') THEN 'open' ELSE c.status END,
    snoozed_until = CASE WHEN $3 = 'contact' THEN NULL ELSE c.snoozed_until END,
    waiting_since = CASE
      WHEN $8 THEN c.waiting_since
      WHEN $3 = 'contact' THEN COALESCE(c.waiting_since, now())
      WHEN $3 IN ('user', 'bot') THEN NULL
      ELSE c.waiting_since END,
    first_reply_at = CASE WHEN $3 = 'user' AND NOT $8 AND c.first_reply_at IS NULL THEN now() ELSE c.first_reply_at END
  FROM conv
  WHERE c.id = conv.id AND conv.status <> 'closed' AND NOT EXISTS (SELECT 1 FROM existing)
  RETURNING c.last_seq, conv.status AS old_status, c.status AS new_status
),
ins AS (
  INSERT INTO messages (id, account_id, conversation_id, seq, client_msg_id, sender_type, sender_id, kind, content, private, attachments)
  SELECT $11, $2, $1, bump.last_seq, $5, $3, $4, $6, $7, $8, $9 FROM bump
  RETURNING *
),
ev AS (
  INSERT INTO events (account_id, type, payload)
  SELECT $2, 'message.created', jsonb_build_object('conversationId', $1::uuid, 'messageId', ins.id, 'seq', ins.seq, 'private', ins.private)
    FROM ins
  UNION ALL
  SELECT $2, 'conversation.updated', jsonb_build_object('conversationId', $1::uuid, 'status', bump.new_status)
    FROM bump WHERE bump.old_status <> bump.new_status
)
SELECT ins.*, true AS created, bump.old_status, bump.new_status, conv.contact_inbox_id AS conv_contact_inbox_id,
       conv.assignee_user_id AS conv_assignee_user_id
  FROM ins, bump, conv
UNION ALL
SELECT existing.*, false, NULL, NULL, conv.contact_inbox_id, conv.assignee_user_id FROM existing, conv`;

type Row = MessageRow & {
  created: boolean;
  old_status: string | null;
  new_status: string | null;
  conv_contact_inbox_id: string | null;
  conv_assignee_user_id: string | null;
};

const UNIQUE_VIOLATION = '23505';

export async function insertMessage(db: Pool | PoolClient, input: InsertMessageInput): Promise<InsertedMessage> {
  const params = [
    input.conversationId,
    input.accountId,
    input.senderType,
    input.senderId,
    input.clientMsgId,
    input.kind,
    input.content,
    input.private,
    JSON.stringify(input.attachments ?? []),
    input.contactInboxId ?? null,
    // Time-ordered ids: primary-key inserts append to the index instead of splitting random pages.
    uuidv7(),
  ];
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // A named statement is planned once per connection: the plan costs as much as running it.
      const { rows } = await db.query<Row>({ name: 'warmdesk_insert_message_v1', text: SQL, values: params });
      const r = rows[0];
      if (!r) throw await whyNotStored(db, input);
      const statusChange =
        r.created && r.old_status && r.new_status && r.old_status !== r.new_status
          ? { from: r.old_status, to: r.new_status }
          : null;
      return {
        row: r,
        created: r.created,
        contactInboxId: r.conv_contact_inbox_id,
        assigneeUserId: r.conv_assignee_user_id,
        statusChange,
      };
    } catch (err) {
      const code = (err as { code?: string }).code;
      // Only retry outside a transaction: inside one, the failed statement aborted it.
      if (code !== UNIQUE_VIOLATION || !('totalCount' in db) || input.clientMsgId === null) throw err;
    }
  }
  throw new AppError('conflict', 'message could not be stored, retry');
}

/** Nothing came back: the conversation is missing (or not the caller's) or closed. */
async function whyNotStored(db: Pool | PoolClient, input: InsertMessageInput): Promise<AppError> {
  const { rows } = await db.query<{ status: string }>(
    'SELECT status FROM conversations WHERE id = $1 AND account_id = $2 AND ($3::uuid IS NULL OR contact_inbox_id = $3)',
    [input.conversationId, input.accountId, input.contactInboxId ?? null],
  );
  if (rows[0]?.status === 'closed')
    return new AppError('conversation_closed', 'this conversation is closed; start a new one');
  return new AppError('not_found', 'conversation not found');
}
