import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { recordDecision } from './record-decision.js';
import { routingSettingsOf } from './settings.js';

/**
 * An agent went offline (signed out, set offline, deactivated, or stayed disconnected past the grace period):
 * their open conversations in inboxes set to `requeue` go back to the queue, keeping the customer's place by
 * when they began waiting. Returns the inboxes that got conversations back.
 */
export async function requeueAgentConversations(
  ctx: AppContext,
  accountId: string,
  userId: string,
  reason: 'offline' | 'disconnected' | 'deactivated',
): Promise<string[]> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ id: string; inbox_id: string; config: unknown }>(
      `SELECT c.id, c.inbox_id, i.config FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
        WHERE c.account_id = $1 AND c.assignee_user_id = $2 AND c.status IN ('open', 'pending')
        ORDER BY c.id
          FOR NO KEY UPDATE OF c`,
      [accountId, userId],
    );
    const back = rows.filter((r) => routingSettingsOf(r.config).onAgentOffline === 'requeue');
    for (const r of back) {
      await tx.client.query(
        `UPDATE conversations SET assignee_user_id = NULL, queued_at = COALESCE(waiting_since, now()),
                assigned_at = NULL, updated_at = now()
          WHERE id = $1`,
        [r.id],
      );
      await recordDecision(tx, { accountId, conversationId: r.id, inboxId: r.inbox_id }, 'requeued', {
        reason,
        by: userId,
      });
      const row = await getConversation(tx.client, accountId, r.id);
      await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['assignee']);
    }
    if (back.length) ctx.metrics.routingDecisions.inc({ decision: 'requeued' }, back.length);
    return [...new Set(back.map((r) => r.inbox_id))];
  });
}

/**
 * A customer wrote in a conversation whose agent is gone (offline, deactivated, or turned away after
 * disconnecting), typically one they reopen days later: in inboxes set to `requeue` it goes back to the queue
 * instead of waiting for that agent. Returns whether it did.
 */
export function requeueFromAbsentAgent(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  assigneeId: string,
): Promise<boolean> {
  return transaction(ctx, (tx) => requeueFromAbsentAgentIn(ctx, tx, accountId, conversationId, assigneeId));
}

/** The same inside the caller's transaction (a call reopening the conversation in its own). */
export async function requeueFromAbsentAgentIn(
  ctx: AppContext,
  tx: Tx,
  accountId: string,
  conversationId: string,
  assigneeId: string,
): Promise<boolean> {
  const { rows } = await tx.client.query<{ inbox_id: string; status: string; active: boolean }>(
    `UPDATE conversations c SET assignee_user_id = NULL, assigned_at = NULL, updated_at = now()
       FROM users u, inboxes i
      WHERE c.id = $1 AND c.account_id = $2 AND c.assignee_user_id = $3 AND u.id = $3 AND i.id = c.inbox_id
        AND c.status IN ('open', 'pending') AND (u.status = 'offline' OR u.auto_away OR NOT u.active)
        AND COALESCE(i.config->'routing'->>'onAgentOffline', 'requeue') = 'requeue'
      RETURNING c.inbox_id, u.status, u.active`,
    [conversationId, accountId, assigneeId],
  );
  const r = rows[0];
  if (!r) return false;
  const reason = !r.active ? 'deactivated' : r.status === 'offline' ? 'offline' : 'disconnected';
  await recordDecision(tx, { accountId, conversationId, inboxId: r.inbox_id }, 'requeued', {
    reason,
    by: assigneeId,
  });
  const row = await getConversation(tx.client, accountId, conversationId);
  await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['assignee']);
  ctx.metrics.routingDecisions.inc({ decision: 'requeued' });
  return true;
}
