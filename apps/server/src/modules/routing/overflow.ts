import { Batches, onePer } from '../../platform/batches.js';
import { type AppContext, transaction } from '../../platform/context.js';
import type { QueueFanOut } from '../queue/queue-fan-out.js';
import { isWaiting, placeOf, type QueuePlace, queuePositionOf } from '../queue/queue-position.js';
import type { JoinedPlace } from './enqueue.js';
import type { WaitEstimator } from './estimate.js';
import { type DecisionRef, recordDecision, recordDecisions } from './record-decision.js';
import type { InboxRouting } from './settings.js';

/** Sends the customer their place now (and the fan-out remembers what they were told). */
export function tellJoined(fanOut: QueueFanOut, inboxId: string, place: QueuePlace): void {
  const { contactId, over: _over, ...update } = place;
  fanOut.tellNow(inboxId, contactId, update);
}

/** The place counted when the conversation joined the queue, as the customer is told it. */
export async function joinedPlace(
  inbox: InboxRouting,
  estimator: WaitEstimator,
  conversationId: string,
  joined: JoinedPlace,
): Promise<QueuePlace> {
  return placeOf(inbox, await estimator.basis(inbox), { conversationId, ...joined });
}

/**
 * "Queued at place N" decisions, recorded together: in a surge every arrival queues, and one transaction per
 * arrival (two statements and its BEGIN and COMMIT) was a large share of the database's round trips.
 */
const queuedDecisions = onePer(
  (ctx: AppContext) =>
    new Batches<{ ref: DecisionRef; position: number }, void>(async (_key, items) => {
      const record = (some: typeof items) =>
        transaction(ctx, (tx) =>
          recordDecisions(
            tx,
            some.map(({ ref, position }) => ({ ref, decision: 'queued' as const, details: { position } })),
          ),
        );
      // One bad row fails the statement: then each alone, so the others are still recorded.
      await record(items).catch(() => Promise.all(items.map((item) => record([item]))));
      ctx.metrics.routingDecisions.inc({ decision: 'queued' }, items.length);
      return items.map(() => undefined);
    }),
);

/** Tells a new arrival their place (or opening time) at once, if they are still waiting; returns what it told. */
export async function tellPlace(
  ctx: AppContext,
  inbox: InboxRouting,
  estimator: WaitEstimator,
  conversationId: string,
  fanOut: QueueFanOut,
): Promise<QueuePlace | null> {
  const place = await queuePositionOf(ctx.db.pool, inbox, await estimator.basis(inbox), conversationId);
  if (place) tellJoined(fanOut, inbox.id, place);
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
  if (!stands) tellJoined(fanOut, inbox.id, place);
  const { over, ...update } = place;
  if (update.position === null) return;
  const ref = { accountId: inbox.accountId, conversationId, inboxId: inbox.id };
  if (!over) {
    await queuedDecisions(ctx).request('', { ref, position: update.position });
    return;
  }
  const spillTeamId = inbox.routing.overflow.spillTeamId;
  await transaction(ctx, async (tx) => {
    await recordDecision(tx, ref, 'queued', { position: update.position ?? undefined });
    ctx.metrics.routingDecisions.inc({ decision: 'queued' });
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
