import type { QueueOffer, QueueUpdate } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import type { WaitBasis } from '../routing/estimate.js';
import { estimateWaitSeconds } from '../routing/policies.js';
import { QUEUE_ORDER, WAITING } from '../routing/queue-sql.js';
import type { InboxRouting } from '../routing/settings.js';
import { OFFLINE_LABEL } from '../widget/leave-message.js';

export type QueueEntry = QueueUpdate & { contactId: string };

/** Whether the inbox overflows for a customer (queue too long, wait too long) and what they are offered then. */
export function overflowState(
  inbox: InboxRouting,
  waiting: number,
  eta: number | null,
): { over: boolean; offers: QueueOffer[] } {
  const o = inbox.routing.overflow;
  const over =
    o.enabled &&
    ((o.maxQueueLength !== null && waiting > o.maxQueueLength) ||
      (o.maxWaitSeconds !== null && eta !== null && eta > o.maxWaitSeconds));
  if (!over) return { over: false, offers: [] };
  const offers: QueueOffer[] = [];
  if (o.offerMessage) offers.push('message');
  if (o.offerCallback) offers.push('callback');
  if (o.offerBot && inbox.botReady) offers.push('bot');
  return { over, offers };
}

/** The inbox's live queue in order, each with its place, estimated wait and overflow offers. */
export async function inboxQueue(pool: Pool, inbox: InboxRouting, basis: WaitBasis): Promise<QueueEntry[]> {
  const { rows } = await pool.query<{ id: string; contact_id: string; left_message: boolean }>(
    `SELECT c.id, c.contact_id, ($2 = ANY(c.labels) OR c.callback_phone IS NOT NULL) AS left_message
       FROM conversations c
      WHERE c.inbox_id = $1 AND ${WAITING('c')}
      ORDER BY ${QUEUE_ORDER('c', inbox.routing.vipFirst)}
      LIMIT 20000`,
    [inbox.id, OFFLINE_LABEL],
  );
  return rows.map((r, i) => {
    const eta = estimateWaitSeconds(i + 1, basis.handleSeconds, basis.slots);
    return {
      conversationId: r.id,
      contactId: r.contact_id,
      position: i + 1,
      waiting: rows.length,
      estimatedWaitSeconds: eta,
      offers: overflowState(inbox, rows.length, eta).offers,
      leftMessage: r.left_message,
    };
  });
}
