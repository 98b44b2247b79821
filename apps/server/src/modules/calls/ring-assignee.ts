import type { Pool } from 'pg';
import { Batches, onePer } from '../../platform/batches.js';
import type { AppContext } from '../../platform/context.js';
import type { CallRow } from './presenter.js';
import { transitionCall } from './timeline.js';

/** Per account, the queued call of each conversation asked about, looked up together (every assignment asks). */
const queuedCalls = onePer(
  (pool: Pool) =>
    new Batches<string, string | undefined>(async (accountId, conversationIds) => {
      const { rows } = await pool.query<{ id: string; conversation_id: string }>(
        `SELECT id, conversation_id FROM calls
          WHERE account_id = $1 AND conversation_id = ANY($2::uuid[]) AND state = 'queued'`,
        [accountId, conversationIds],
      );
      const byConversation = new Map(rows.map((r) => [r.conversation_id, r.id]));
      return conversationIds.map((id) => byConversation.get(id));
    }),
);

/**
 * The conversation of a queued call got a person (routing assigned it, an agent picked it, a supervisor assigned
 * it): the call now rings them. Whichever process made the assignment does this; the UPDATE is conditional.
 */
export async function ringAssignee(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  userId: string,
): Promise<CallRow | undefined> {
  const callId = await queuedCalls(ctx.db.pool).request(accountId, conversationId);
  if (!callId) return undefined;
  return transitionCall(
    ctx,
    { accountId, callId },
    { set: `state = 'ringing', agent_user_id = $3, rung_at = now()`, where: `state = 'queued'`, params: [userId] },
  );
}
