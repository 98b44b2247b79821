import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import type { ConversationRow } from '../conversations/presenter.js';
import { getConversation } from '../conversations/queries.js';
import { notifyAssignee } from '../notifications/notify-assignee.js';
import { recordDecision } from './record-decision.js';

/**
 * Takes a waiting conversation from the queue: the caller for themselves (within their capacity), or a
 * supervisor for someone (a deliberate override that may pass capacity). The agent's row is locked first, the
 * same order routing uses, so the load counted here is the load routing sees.
 */
export async function pickConversation(
  ctx: AppContext,
  actor: AgentPrincipal,
  conversationId: string,
  assigneeId: string,
): Promise<ConversationRow> {
  const forSelf = assigneeId === actor.userId;
  return transaction(ctx, async (tx) => {
    const agent = await tx.client.query<{ name: string; capacity: number }>(
      'SELECT name, capacity FROM users WHERE account_id = $1 AND id = $2 AND active FOR NO KEY UPDATE',
      [actor.accountId, assigneeId],
    );
    const user = agent.rows[0];
    if (!user) throw new AppError('not_found', 'assignee is not an active user of this account');
    const { rows } = await tx.client.query<{
      inbox_id: string;
      status: string;
      assignee_user_id: string | null;
      queued_at: Date | null;
    }>(
      'SELECT inbox_id, status, assignee_user_id, queued_at FROM conversations WHERE account_id = $1 AND id = $2 FOR NO KEY UPDATE',
      [actor.accountId, conversationId],
    );
    const c = rows[0];
    if (!c) throw new AppError('not_found', 'conversation not found');
    if (c.assignee_user_id) throw new AppError('conflict', 'someone has already taken this conversation');
    if (!['open', 'pending'].includes(c.status)) throw new AppError('conflict', 'this conversation is not waiting');
    if (forSelf) {
      const load = await tx.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM conversations
          WHERE account_id = $1 AND assignee_user_id = $2 AND status IN ('open', 'pending')`,
        [actor.accountId, assigneeId],
      );
      if ((load.rows[0]?.n ?? 0) >= user.capacity) {
        throw new AppError('at_capacity', `you already have ${user.capacity} open conversations (your capacity)`);
      }
    }
    await tx.client.query(
      `UPDATE conversations SET assignee_user_id = $2, assignee_bot_id = NULL, queued_at = NULL, deferred_until = NULL,
              assigned_at = now(), updated_at = now() WHERE id = $1`,
      [conversationId, assigneeId],
    );
    await tx.client.query('UPDATE users SET last_assigned_at = clock_timestamp() WHERE id = $1', [assigneeId]);
    await recordDecision(tx, { accountId: actor.accountId, conversationId, inboxId: c.inbox_id }, 'picked', {
      to: assigneeId,
      toName: user.name,
      by: actor.userId,
      reason: forSelf ? 'self' : 'supervisor',
      waitMs: c.queued_at ? Date.now() - c.queued_at.getTime() : undefined,
    });
    ctx.metrics.routingDecisions.inc({ decision: 'picked' });
    const row = await getConversation(tx.client, actor.accountId, conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['routed']);
    if (!forSelf) {
      await notifyAssignee(tx, { accountId: actor.accountId, conversationId, actorUserId: actor.userId, assigneeId });
    }
    return row;
  });
}
