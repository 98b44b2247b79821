import type { MessageKind, SenderType } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { CustomerScope } from './events.js';
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
  /**
   * Set for customers: they may only write to their own contact's conversations (the sender) in the inbox
   * of their session.
   */
  customerInboxId?: string;
};

export type InsertedMessage = {
  row: MessageRow;
  created: boolean;
  customer: CustomerScope;
  assigneeUserId: string | null;
  statusChange: { from: string; to: string } | null;
};

/*
 * One statement stores a batch of messages, each for a different conversation (the caller guarantees that):
 * lock the conversation rows (in id order, so two batches cannot deadlock; by primary key, whatever the
 * plan's guess of the batch size), keep those the caller may write to, return the original on a resend
 * (same clientMsgId), otherwise bump last_seq, insert the message with that seq and record the outbox events.
 * Two identical resends racing both pass the `existing` check; the loser hits the unique index, its whole
 * statement (seq bumps included) rolls back, and a retry finds the original. No seq gap.
 */
const SQL = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[],
                       $8::text[], $9::bool[], $10::jsonb[], $11::uuid[], $12::uuid[])
    AS i(ord, conversation_id, account_id, sender_type, sender_id, client_msg_id, kind, content, private,
         attachments, customer_inbox_id, id)
),
locked AS (
  SELECT c.id, c.account_id, c.inbox_id, c.contact_id, c.status, c.assignee_user_id
    FROM conversations c WHERE c.id = ANY($2::uuid[])
   ORDER BY c.id
   FOR NO KEY UPDATE
),
conv AS (
  SELECT locked.*, i.ord FROM locked JOIN input i
      ON locked.id = i.conversation_id AND locked.account_id = i.account_id
     AND (i.customer_inbox_id IS NULL
          OR (locked.inbox_id = i.customer_inbox_id AND locked.contact_id::text = i.sender_id))
),
existing AS (
  SELECT m.*, i.ord FROM input i JOIN messages m
      ON m.conversation_id = i.conversation_id AND m.sender_type = i.sender_type
     AND m.sender_id = i.sender_id AND m.client_msg_id = i.client_msg_id
),
bump AS (
  UPDATE conversations c SET
    last_seq = c.last_seq + 1,
    last_message_at = now(),
    updated_at = now(),
    status = CASE WHEN i.sender_type = 'contact' AND c.status IN ('resolved', 'snoozed') THEN 'open' ELSE c.status END,
    snoozed_until = CASE WHEN i.sender_type = 'contact' THEN NULL ELSE c.snoozed_until END,
    waiting_since = CASE
      WHEN i.private THEN c.waiting_since
      WHEN i.sender_type = 'contact' THEN COALESCE(c.waiting_since, now())
      WHEN i.sender_type IN ('user', 'bot') THEN NULL
      ELSE c.waiting_since END,
    first_reply_at = CASE
      WHEN i.sender_type = 'user' AND NOT i.private AND c.first_reply_at IS NULL THEN now()
      ELSE c.first_reply_at END
  FROM conv JOIN input i ON i.ord = conv.ord
  WHERE c.id = conv.id AND conv.status <> 'closed' AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
  RETURNING i.ord, c.last_seq, conv.status AS old_status, c.status AS new_status
),
ins AS (
  INSERT INTO messages (id, account_id, conversation_id, seq, client_msg_id, sender_type, sender_id, kind, content,
                        private, attachments)
  SELECT i.id, i.account_id, i.conversation_id, bump.last_seq, i.client_msg_id, i.sender_type, i.sender_id, i.kind,
         i.content, i.private, i.attachments
    FROM bump JOIN input i ON i.ord = bump.ord
  RETURNING *
),
ev AS (
  INSERT INTO events (account_id, type, payload)
  SELECT ins.account_id, 'message.created',
         jsonb_build_object('conversationId', ins.conversation_id, 'messageId', ins.id, 'seq', ins.seq,
                            'private', ins.private)
    FROM ins
  UNION ALL
  SELECT i.account_id, 'conversation.updated',
         jsonb_build_object('conversationId', i.conversation_id, 'status', bump.new_status)
    FROM bump JOIN input i ON i.ord = bump.ord
   WHERE bump.old_status <> bump.new_status
)
SELECT ins.*, i.ord, true AS created, bump.old_status, bump.new_status,
       conv.contact_id AS conv_contact_id, conv.inbox_id AS conv_inbox_id, conv.assignee_user_id AS conv_assignee_user_id
  FROM ins JOIN input i ON i.id = ins.id JOIN bump ON bump.ord = i.ord JOIN conv ON conv.ord = i.ord
UNION ALL
SELECT existing.*, false, NULL, NULL, conv.contact_id, conv.inbox_id, conv.assignee_user_id
  FROM existing JOIN conv ON conv.ord = existing.ord`;

type Row = MessageRow & {
  ord: number;
  created: boolean;
  old_status: string | null;
  new_status: string | null;
  conv_contact_id: string;
  conv_inbox_id: string;
  conv_assignee_user_id: string | null;
};

const UNIQUE_VIOLATION = '23505';

/**
 * Stores messages for distinct conversations in one statement. The result has one entry per input, in input
 * order: the stored (or, for a resend, the original) message, or `undefined` when the conversation is missing,
 * not the caller's, or closed. Throws when the statement fails; then nothing of the batch is stored.
 */
export async function insertMessages(
  db: Pool | PoolClient,
  inputs: readonly InsertMessageInput[],
): Promise<(InsertedMessage | undefined)[]> {
  const column = <T>(pick: (input: InsertMessageInput) => T) => inputs.map(pick);
  const params = [
    inputs.map((_, i) => i),
    column((m) => m.conversationId),
    column((m) => m.accountId),
    column((m) => m.senderType),
    column((m) => m.senderId),
    column((m) => m.clientMsgId),
    column((m) => m.kind),
    column((m) => m.content),
    column((m) => m.private),
    column((m) => JSON.stringify(m.attachments ?? [])),
    column((m) => m.customerInboxId ?? null),
    // Time-ordered ids: primary-key inserts append to the index instead of splitting random pages.
    column(() => uuidv7()),
  ];
  // A named statement is planned once per connection: the plan costs as much as running it.
  const { rows } = await db.query<Row>({ name: 'warmdesk_insert_messages_v2', text: SQL, values: params });
  const results: (InsertedMessage | undefined)[] = inputs.map(() => undefined);
  for (const r of rows) {
    const statusChange =
      r.created && r.old_status && r.new_status && r.old_status !== r.new_status
        ? { from: r.old_status, to: r.new_status }
        : null;
    results[r.ord] = {
      row: r,
      created: r.created,
      customer: { contactId: r.conv_contact_id, inboxId: r.conv_inbox_id },
      assigneeUserId: r.conv_assignee_user_id,
      statusChange,
    };
  }
  return results;
}

/** Stores one message; outside a transaction, a racing identical resend is retried and finds the original. */
export async function insertMessage(db: Pool | PoolClient, input: InsertMessageInput): Promise<InsertedMessage> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const [result] = await insertMessages(db, [input]);
      if (!result) throw await whyNotStored(db, input);
      return result;
    } catch (err) {
      // Only retry outside a transaction: inside one, the failed statement aborted it.
      if (!isUniqueViolation(err) || !('totalCount' in db) || input.clientMsgId === null) throw err;
    }
  }
  throw new AppError('conflict', 'message could not be stored, retry');
}

export const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === UNIQUE_VIOLATION;

/** Nothing came back: the conversation is missing (or not the caller's) or closed. */
export async function whyNotStored(db: Pool | PoolClient, input: InsertMessageInput): Promise<AppError> {
  const { rows } = await db.query<{ status: string }>(
    `SELECT status FROM conversations WHERE id = $1 AND account_id = $2
        AND ($3::uuid IS NULL OR (inbox_id = $3 AND contact_id::text = $4))`,
    [input.conversationId, input.accountId, input.customerInboxId ?? null, input.senderId],
  );
  if (rows[0]?.status === 'closed')
    return new AppError('conversation_closed', 'this conversation is closed; start a new one');
  return new AppError('not_found', 'conversation not found');
}
