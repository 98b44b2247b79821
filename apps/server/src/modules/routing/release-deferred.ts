import { type AppContext, transaction } from '../../platform/context.js';
import { recordDecision } from './record-decision.js';

/**
 * Messages written outside business hours enter the queue at opening time, in the order they were written.
 * Returns the inboxes that got conversations into their queue.
 */
export async function releaseDeferred(ctx: AppContext): Promise<string[]> {
  return transaction(ctx, async (tx) => {
    await tx.client.query(
      `UPDATE conversations SET deferred_until = NULL
        WHERE deferred_until IS NOT NULL
          AND (status NOT IN ('open', 'pending') OR assignee_user_id IS NOT NULL OR assignee_bot_id IS NOT NULL)`,
    );
    const { rows } = await tx.client.query<{ id: string; account_id: string; inbox_id: string }>(
      `UPDATE conversations c SET queued_at = COALESCE(c.waiting_since, c.deferred_until), deferred_until = NULL,
              updated_at = now()
        WHERE c.id IN (SELECT id FROM conversations WHERE deferred_until <= now() ORDER BY deferred_until LIMIT 500
                          FOR NO KEY UPDATE SKIP LOCKED)
        RETURNING c.id, c.account_id, c.inbox_id`,
    );
    for (const r of rows) {
      await recordDecision(
        tx,
        { accountId: r.account_id, conversationId: r.id, inboxId: r.inbox_id },
        'reopened_hours',
      );
    }
    if (rows.length) ctx.metrics.routingDecisions.inc({ decision: 'reopened_hours' }, rows.length);
    return [...new Set(rows.map((r) => r.inbox_id))];
  });
}
