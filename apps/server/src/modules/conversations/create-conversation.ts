import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { displayIds } from './display-ids.js';
import { CONVERSATION_CREATED } from './events.js';
import type { ConversationRow } from './presenter.js';
import { getConversation } from './queries.js';

type NewConversation = { accountId: string; inboxId: string; contactId: string; contactInboxId: string | null };

const OPEN = "status IN ('open', 'pending', 'snoozed')";

/**
 * Inserts a conversation and its outbox event in one statement. `unlessOpen`: not when the contact already has an
 * open conversation in the inbox (then undefined).
 */
async function insertConversationRow(
  tx: Tx,
  c: NewConversation,
  displayId: number,
  unlessOpen: boolean,
): Promise<ConversationRow | undefined> {
  const { rows } = await tx.client.query<ConversationRow>(
    `WITH ins AS (
       INSERT INTO conversations (account_id, display_id, inbox_id, contact_id, contact_inbox_id)
       SELECT $1, $5, $2, $3, $4
        WHERE NOT ($6::bool AND EXISTS (SELECT 1 FROM conversations
                                         WHERE account_id = $1 AND contact_id = $3 AND inbox_id = $2 AND ${OPEN}))
       RETURNING *),
     ev AS (
       INSERT INTO events (account_id, type, payload)
       SELECT $1, '${CONVERSATION_CREATED}', jsonb_build_object('conversationId', ins.id) FROM ins)
     SELECT ins.*, NULL::text AS assignee_name,
            to_char(ins.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts
       FROM ins`,
    [c.accountId, c.inboxId, c.contactId, c.contactInboxId, displayId, unlessOpen],
  );
  const row = rows[0];
  if (row) {
    tx.publishAfterCommit({
      accountId: c.accountId,
      type: CONVERSATION_CREATED,
      payload: { conversation: row, changes: ['created'] },
    });
  }
  return row;
}

/**
 * A customer's open conversation in this inbox, or a new one. Serialised per contact and inbox, so two tabs
 * (or two devices of a verified customer) get one.
 */
export async function startConversation(
  ctx: AppContext,
  s: { accountId: string; inboxId: string; contactId: string; contactInboxId: string },
): Promise<ConversationRow> {
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    `SELECT id FROM conversations
      WHERE account_id = $1 AND contact_id = $2 AND inbox_id = $3 AND ${OPEN}
      ORDER BY created_at DESC LIMIT 1`,
    [s.accountId, s.contactId, s.inboxId],
  );
  const found = rows[0];
  if (found) return getConversation(ctx.db.pool, s.accountId, found.id);
  const displayId = await displayIds(ctx.db.pool).next(s.accountId);
  const created = await transaction(ctx, async (tx) => {
    await tx.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${s.contactId}:${s.inboxId}`]);
    // Under the lock, a racing request's conversation is committed and visible to this (later) statement.
    return insertConversationRow(tx, s, displayId, true);
  });
  // Lost the race: the other request's conversation.
  return created ?? startConversation(ctx, s);
}

/** Agents and integrations open a conversation with a known contact (API inboxes, outbound). */
export async function createConversation(
  ctx: AppContext,
  input: { accountId: string; inboxId: string; contactId: string },
): Promise<ConversationRow> {
  const { rows } = await ctx.db.pool.query(
    `SELECT (SELECT count(*) FROM inboxes WHERE id = $2 AND account_id = $1)::int AS inbox,
            (SELECT count(*) FROM contacts WHERE id = $3 AND account_id = $1 AND merged_into_id IS NULL)::int AS contact`,
    [input.accountId, input.inboxId, input.contactId],
  );
  if (!rows[0]?.inbox) throw new AppError('not_found', 'inbox not found');
  if (!rows[0]?.contact) throw new AppError('not_found', 'contact not found');
  const displayId = await displayIds(ctx.db.pool).next(input.accountId);
  const row = await transaction(ctx, (tx) =>
    insertConversationRow(tx, { ...input, contactInboxId: null }, displayId, false),
  );
  if (!row) throw new AppError('not_found', 'account not found');
  return row;
}
