import type { Pool, PoolClient } from 'pg';
import type { CallRow } from './presenter.js';

type Db = Pool | PoolClient;

/** A call with its agent's name and its conversation's customer and assignee; `from` is `calls` or a CTE. */
const joined = (from: string) => `
  SELECT k.*, u.name AS agent_name, c.contact_id, c.assignee_user_id
    FROM ${from} AS k
    LEFT JOIN users u ON u.id = k.agent_user_id
    JOIN conversations c ON c.id = k.conversation_id`;

export async function findCall(db: Db, accountId: string, callId: string): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(`${joined('calls')} WHERE k.account_id = $1 AND k.id = $2`, [
    accountId,
    callId,
  ]);
  return rows[0];
}

/** The conversation's call that is not over, if any (at most one: a partial unique index). */
export async function findLiveCall(db: Db, accountId: string, conversationId: string): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(
    `${joined('calls')} WHERE k.account_id = $1 AND k.conversation_id = $2 AND k.state <> 'ended'`,
    [accountId, conversationId],
  );
  return rows[0];
}

export async function listCalls(db: Db, accountId: string, conversationId: string): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `${joined('calls')} WHERE k.account_id = $1 AND k.conversation_id = $2 ORDER BY k.created_at DESC LIMIT 200`,
    [accountId, conversationId],
  );
  return rows;
}

/** Live calls a socket is a side of (it disconnected). */
export async function liveCallsOfSocket(db: Db, socketId: string): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `${joined('calls')} WHERE k.state <> 'ended' AND (k.customer_socket_id = $1 OR k.agent_socket_id = $1)`,
    [socketId],
  );
  return rows;
}

/**
 * One conditional UPDATE of a call of the account: `set` and `where` are SQL written in this module, their
 * parameters start at $3. Returns the changed call, or undefined when the condition no longer held (another
 * tab, agent or process got there first).
 */
export async function updateCall(
  db: Db,
  accountId: string,
  callId: string,
  change: { set: string; where: string; params?: unknown[] },
): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(
    `WITH k AS (
       UPDATE calls SET ${change.set} WHERE account_id = $1 AND id = $2 AND ${change.where} RETURNING *
     ) ${joined('k')}`,
    [accountId, callId, ...(change.params ?? [])],
  );
  return rows[0];
}

/** Sets the call over: reason, end time, and the duration when it had been answered. */
export const END_SET = (reasonParam: string) => `state = 'ended', ended_at = now(), end_reason = ${reasonParam},
  duration_seconds = CASE WHEN answered_at IS NULL THEN NULL
                          ELSE GREATEST(0, floor(extract(epoch FROM now() - answered_at)))::int END,
  away_since = NULL, away_party = NULL`;
