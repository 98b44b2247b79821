import { type AppContext, transaction } from '../../platform/context.js';
import type { QueueFanOut } from '../queue/queue-fan-out.js';
import { isWaiting, type QueuePlace, queuePositionOf } from '../queue/queue-position.js';
import type { WaitEstimator } from './estimate.js';
import { recordDecision } from './record-decision.js';
import type { InboxRouting } from './settings.js';

/** Tells a new arrival their place (or opening time) at once, if they are still waiting; returns what it told. */
export async function tellPlace(
  ctx: AppContext,
  inbox: InboxRouting,
  estimator: WaitEstimator,
  conversationId: string,
  fanOut: QueueFanOut,
): Promise<QueuePlace | null> {
  const place = await queuePositionOf(ctx.db.pool, inbox, await estimator.basis(inbox), conversationId);
  if (!place) return null;
  const { contactId, over: _over, ...update } = place;
  fanOut.tellNow(inbox.id, contactId, update);
  return place;
}

/**
 * After a new arrival's routing round: if nobody took it, record that it queued (and at which place), apply the
 * overflow rules (offers, spilling to another team), and tell the customer their place. `told`: the place the
 * customer was already told during the round; if they are still waiting it stands (the queue's periodic update
 * tells them later changes), which spares counting a long queue twice per arrival.
 */
export async function afterQueued(
  ctx: AppContext,
  inbox: InboxRouting,
  estimator: WaitEstimator,
  conversationId: string,
  fanOut: QueueFanOut,
  reroute: () => Promise<void>,
  told: QueuePlace | null = null,
): Promise<void> {
  const stands = told?.position != null && (await isWaiting(ctx.db.pool, conversationId));
  const place = stands ? told : await queuePositionOf(ctx.db.pool, inbox, await estimator.basis(inbox), conversationId);
  if (!place) return;
  const { contactId, over, ...update } = place;
  if (!stands) fanOut.tellNow(inbox.id, contactId, update);
  if (update.position === null) return;
  const ref = { accountId: inbox.accountId, conversationId, inboxId: inbox.id };
  const spillTeamId = over ? inbox.routing.overflow.spillTeamId : null;
  await transaction(ctx, async (tx) => {
    await recordDecision(tx, ref, 'queued', { position: update.position ?? undefined });
    ctx.metrics.routingDecisions.inc({ decision: 'queued' });
    if (!over) return;
    await recordDecision(tx, ref, 'overflow', {
      reason: `${update.waiting} waiting, ~${update.estimatedWaitSeconds ?? '?'} s`,
      position: update.position ?? undefined,
    });
    ctx.metrics.routingDecisions.inc({ decision: 'overflow' });
    if (!spillTeamId) return;
    const spilled = await tx.client.query(
      'UPDATE conversations SET spill_team_id = $2 WHERE id = $1 AND spill_team_id IS NULL AND queued_at IS NOT NULL',
      [conversationId, spillTeamId],
    );
    if (spilled.rowCount) {
      await recordDecision(tx, ref, 'spilled', { teamId: spillTeamId });
      ctx.metrics.routingDecisions.inc({ decision: 'spilled' });
    }
  });
  if (spillTeamId) await reroute();
}
