import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { recordDecision } from '../routing/record-decision.js';
import { OFFLINE_LABEL } from '../widget/leave-message.js';

export const CALLBACK_LABEL = 'callback_request';

type Action = { kind: 'abandon' } | { kind: 'message' } | { kind: 'callback'; phone: string; note?: string };

/**
 * The waiting customer leaves the queue (放弃排队: the conversation is resolved), says they need not wait (a
 * message is fine), or asks for a callback. Only their own conversation, and only while nobody has it.
 */
export async function customerQueueAction(
  ctx: AppContext,
  c: CustomerPrincipal,
  conversationId: string,
  action: Action,
): Promise<void> {
  await transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ status: string; assignee_user_id: string | null; queued_at: Date | null }>(
      `SELECT status, assignee_user_id, queued_at FROM conversations
        WHERE id = $1 AND account_id = $2 AND contact_id = $3 AND inbox_id = $4 FOR NO KEY UPDATE`,
      [conversationId, c.accountId, c.contactId, c.inboxId],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'conversation not found');
    if (!['open', 'pending'].includes(row.status) || row.assignee_user_id) {
      throw new AppError('conflict', 'this conversation is not waiting in the queue');
    }
    const ref = { accountId: c.accountId, conversationId, inboxId: c.inboxId };
    const waitMs = row.queued_at ? Date.now() - row.queued_at.getTime() : undefined;
    if (action.kind === 'abandon') {
      await recordDecision(tx, ref, 'abandoned', { waitMs });
      await tx.client.query(
        `UPDATE conversations SET status = 'resolved', queued_at = NULL, deferred_until = NULL, waiting_since = NULL,
                resolved_at = now(), updated_at = now() WHERE id = $1`,
        [conversationId],
      );
    } else if (action.kind === 'message') {
      await tx.client.query(
        `UPDATE conversations SET labels = array_append(labels, $2), updated_at = now()
          WHERE id = $1 AND NOT ($2 = ANY(labels))`,
        [conversationId, OFFLINE_LABEL],
      );
    } else {
      await recordDecision(tx, ref, 'callback', {
        reason: action.note ? `${action.phone}: ${action.note}` : action.phone,
      });
      await tx.client.query(
        `UPDATE conversations SET callback_phone = $2, labels = array_append(array_remove(labels, $3), $3),
                updated_at = now() WHERE id = $1`,
        [conversationId, action.phone, CALLBACK_LABEL],
      );
      await tx.client.query('UPDATE contacts SET phone = $2 WHERE id = $1 AND phone IS NULL', [
        c.contactId,
        action.phone,
      ]);
    }
    ctx.metrics.routingDecisions.inc({ decision: action.kind === 'abandon' ? 'abandoned' : action.kind });
    const updated = await getConversation(tx.client, c.accountId, conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, updated, [action.kind === 'abandon' ? 'status' : 'labels']);
  });
}
