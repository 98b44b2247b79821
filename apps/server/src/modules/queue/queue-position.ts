import type { QueueUpdate } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { Batches, onePer } from '../../platform/batches.js';
import type { WaitBasis } from '../routing/estimate.js';
import { estimateWaitSeconds } from '../routing/policies.js';
import { WAITING } from '../routing/queue-sql.js';
import type { InboxRouting } from '../routing/settings.js';
import { lookUpPlace } from './place-lookup.js';
import { overflowState } from './queue-positions.js';

export type QueuePlace = QueueUpdate & { contactId: string; over: boolean };

const waitingChecks = onePer(
  (pool: Pool) =>
    new Batches<string, boolean>(async (_key, ids) => {
      const { rows } = await pool.query<{ id: string; waiting: boolean }>(
        `SELECT c.id, (${WAITING('c')}) AS waiting FROM conversations c WHERE c.id = ANY($1::uuid[])`,
        [ids],
      );
      const waiting = new Map(rows.map((r) => [r.id, r.waiting]));
      return ids.map((id) => waiting.get(id) ?? false);
    }),
);

/** Whether the conversation is in the live queue (one row by its key, unlike its place); checks go in batches. */
export function isWaiting(pool: Pool, conversationId: string): Promise<boolean> {
  return waitingChecks(pool).request('', conversationId);
}

/**
 * One conversation's place in its inbox's queue, or its opening time when it was written outside business hours;
 * null when it is not waiting.
 */
export async function queuePositionOf(
  pool: Pool,
  inbox: InboxRouting,
  basis: WaitBasis,
  conversationId: string,
): Promise<QueuePlace | null> {
  const r = await lookUpPlace(pool, { id: inbox.id, vipFirst: inbox.routing.vipFirst }, conversationId);
  if (!r) return null;
  if (r.deferred_until && !r.in_queue) {
    return {
      conversationId,
      contactId: r.contact_id,
      position: null,
      waiting: r.waiting,
      estimatedWaitSeconds: null,
      opensAt: r.deferred_until.toISOString(),
      leftMessage: r.left_message,
      over: false,
    };
  }
  if (!r.in_queue || r.position === null) return null;
  return placeOf(inbox, basis, {
    conversationId,
    contactId: r.contact_id,
    position: r.position,
    waiting: r.waiting,
    leftMessage: r.left_message,
  });
}

/** A waiting conversation's place as the customer is told it: with the estimated wait and any overflow offers. */
export function placeOf(
  inbox: InboxRouting,
  basis: WaitBasis,
  p: { conversationId: string; contactId: string; position: number; waiting: number; leftMessage: boolean },
): QueuePlace {
  const eta = estimateWaitSeconds(p.position, basis.handleSeconds, basis.slots);
  const overflow = overflowState(inbox, p.waiting, eta);
  return {
    conversationId: p.conversationId,
    contactId: p.contactId,
    position: p.position,
    waiting: p.waiting,
    estimatedWaitSeconds: eta,
    offers: overflow.offers,
    leftMessage: p.leftMessage,
    over: overflow.over,
  };
}
