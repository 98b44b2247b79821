import { type AppContext, transaction } from '../../platform/context.js';
import type { QueueFanOut } from '../queue/queue-fan-out.js';
import { queuePositionOf } from '../queue/queue-position.js';
import type { WaitEstimator } from './estimate.js';
import { recordDecision } from './record-decision.js';
import type { InboxRouting } from './settings.js';

/** Tells a new arrival their place (or opening time) at once, if they are still waiting; returns whether they are. */
export async function tellPlace(
  ctx: AppContext,
  inbox: InboxRouting,
  estimator: WaitEstimator,
  conversationId: string,
  fanOut: QueueFanOut,
): Promise<boolean> {
  const place = await queuePositionOf(ctx.db.pool, inbox, await estimator.basis(inbox), conversationId);
  if (!place) return false;
  const { contactId, over: _over, ...update } = place;
  fanOut.tellNow(inbox.id, contactId, update);
  return update.position !== null;
}

/**
 * After a new arrival's routing round: if nobody took it, record that it queued (and at which place), apply the
 * overflow rules (offers, spilling to another team), and tell the customer their place.
 */
export async function afterQueued(
  ctx: AppContext,
  inbox: InboxRouting,
  estimator: WaitEstimator,
  conversationId: string,
  fanOut: QueueFanOut,
  reroute: () => Promise<void>,
): Promise<void> {
  const place = await queuePositionOf(ctx.db.pool, inbox, await estimator.basis(inbox), conversationId);
  if (!place) return;
  const { contactId, over, ...update } = place;
  fanOut.tellNow(inbox.id, contactId, update);
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
