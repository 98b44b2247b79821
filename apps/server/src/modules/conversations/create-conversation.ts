import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { displayIds } from './display-ids.js';
import { CONVERSATION_CREATED } from './events.js';
import type { ConversationRow } from './presenter.js';
import { conversationSelect } from './queries.js';

type NewConversation = { accountId: string; inboxId: string; contactId: string; contactInboxId: string | null };

/** Inserts a conversation and its outbox event in one statement. */
async function insertConversationRow(
  tx: Tx,
  c: NewConversation,
  displayId: number,
): Promise<ConversationRow | undefined> {
  const { rows } = await tx.client.query<ConversationRow>(
    `WITH ins AS (
       INSERT INTO conversations (account_id, display_id, inbox_id, contact_id, contact_inbox_id)
       VALUES ($1, $5, $2, $3, $4)
       RETURNING *),
     ev AS (
       INSERT INTO events (account_id, type, payload)
       SELECT $1, '${CONVERSATION_CREATED}', jsonb_build_object('conversationId', ins.id) FROM ins)
     SELECT ins.*, NULL::text AS assignee_name,
            to_char(ins.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts
       FROM ins`,
    [c.accountId, c.inboxId, c.contactId, c.contactInboxId, displayId],
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

type StartedBy = { accountId: string; inboxId: string; contactId: string; contactInboxId: string };
type Started = { row: ConversationRow; created: boolean };

// The function (migration 0009) returns the row it found or made; it is presented here as CONVERSATION_SELECT does.
const START = {
  name: 'warmdesk_start_conversation_v1',
  text: conversationSelect(
    '(SELECT (s.conversation).*, s.created FROM warmdesk_start_conversation($1, $2, $3, $4, $5) s)',
  ),
};

async function startOrResume(ctx: AppContext, s: StartedBy, displayId: number): Promise<Started | undefined> {
  const { rows } = await ctx.db.pool.query<ConversationRow & { created: boolean }>({
    ...START,
    values: [s.accountId, s.inboxId, s.contactId, s.contactInboxId, displayId],
  });
  const found = rows[0];
  if (!found) return undefined;
  const { created, ...row } = found;
  return { row, created };
}

/**
 * A customer's open conversation in this inbox, or a new one. Serialised per contact and inbox in the database,
 * so two tabs (or two devices of a verified customer) get one. The number is taken first (from the batch or a
 * spare) so that this is one statement; when a conversation was open, the number is given back for the next.
 */
export async function startConversation(ctx: AppContext, s: StartedBy): Promise<ConversationRow> {
  const numbers = displayIds(ctx.db.pool);
  const displayId = await numbers.next(s.accountId);
  // After an error the number is not given back: the statement may have committed before its answer was lost.
  const started = await startOrResume(ctx, s, displayId);
  if (!started) throw new AppError('not_found', 'account not found');
  if (!started.created) {
    numbers.giveBack(s.accountId, displayId);
    return started.row;
  }
  ctx.bus.publish([
    {
      accountId: s.accountId,
      type: CONVERSATION_CREATED,
      payload: { conversation: started.row, changes: ['created'] },
    },
  ]);
  return started.row;
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
  const row = await transaction(ctx, (tx) => insertConversationRow(tx, { ...input, contactInboxId: null }, displayId));
  if (!row) throw new AppError('not_found', 'account not found');
  return row;
}
