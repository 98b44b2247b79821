import type { QueueUpdate } from '@warmdesk/protocol';
import type { Pool } from 'pg';

/** Waiting = open or pending, nobody (agent or bot) on it, and the customer has written. */
const WAITING = `status IN ('open', 'pending') AND assignee_user_id IS NULL AND assignee_bot_id IS NULL
  AND waiting_since IS NOT NULL`;

export type QueueEntry = QueueUpdate & { contactId: string };

/** The inbox's queue in order: higher priority first, then who has waited longest. */
export async function inboxQueue(pool: Pool, accountId: string, inboxId: string): Promise<QueueEntry[]> {
  const { rows } = await pool.query<{ id: string; contact_id: string }>(
    `SELECT id, contact_id FROM conversations
      WHERE account_id = $1 AND inbox_id = $2 AND ${WAITING}
      ORDER BY array_position(ARRAY['urgent', 'high', 'medium', 'low', 'none'], priority), waiting_since, id
      LIMIT 1000`,
    [accountId, inboxId],
  );
  return rows.map((r, i) => ({
    conversationId: r.id,
    contactId: r.contact_id,
    position: i + 1,
    waiting: rows.length,
    estimatedWaitSeconds: null,
  }));
}
