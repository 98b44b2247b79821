import type { Pool, PoolClient } from 'pg';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { displayIds } from './display-ids.js';
import { CONVERSATION_CREATED } from './events.js';
import type { ConversationRow } from './presenter.js';
import { getConversation } from './queries.js';

type NewConversation = { accountId: string; inboxId: string; contactId: string; contactInboxId: string | null };

/** Inserts a conversation and its outbox event in one statement. */
export async function insertConversation(tx: Tx, c: NewConversation, displayId: number): Promise<ConversationRow> {
  const { rows } = await tx.client.query<ConversationRow>(
    `WITH ins AS (
       INSERT INTO conversations (account_id, display_id, inbox_id, contact_id, contact_inbox_id)
       VALUES ($1, $5, $2, $3, $4) RETURNING *),
     ev AS (
       INSERT INTO events (account_id, type, payload)
       SELECT $1, '${CONVERSATION_CREATED}', jsonb_build_object('conversationId', ins.id) FROM ins)
     SELECT ins.*, NULL::text AS assignee_name,
            to_char(ins.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts
       FROM ins`,
    [c.accountId, c.inboxId, c.contactId, c.contactInboxId, displayId],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'account not found');
  tx.publishAfterCommit({
    accountId: c.accountId,
    type: CONVERSATION_CREATED,
    payload: { conversation: row, changes: ['created'] },
  });
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
  const open = (db: Pool | PoolClient) =>
    db.query<{ id: string }>(
      `SELECT id FROM conversations
        WHERE account_id = $1 AND contact_id = $2 AND inbox_id = $3 AND status IN ('open', 'pending', 'snoozed')
        ORDER BY created_at DESC LIMIT 1`,
      [s.accountId, s.contactId, s.inboxId],
    );
  const found = (await open(ctx.db.pool)).rows[0];
  if (found) return getConversation(ctx.db.pool, s.accountId, found.id);
  const displayId = await displayIds(ctx.db.pool).next(s.accountId);
  return transaction(ctx, async (tx) => {
    await tx.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${s.contactId}:${s.inboxId}`]);
    const existing = (await open(tx.client)).rows[0];
    if (existing) return getConversation(tx.client, s.accountId, existing.id);
    return insertConversation(tx, s, displayId);
  });
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
  return transaction(ctx, (tx) => insertConversation(tx, { ...input, contactInboxId: null }, displayId));
}
