import type { QueueUpdate } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import type { WaitBasis } from '../routing/estimate.js';
import { estimateWaitSeconds } from '../routing/policies.js';
import { QUEUE_KEY, WAITING } from '../routing/queue-sql.js';
import type { InboxRouting } from '../routing/settings.js';
import { OFFLINE_LABEL } from '../widget/leave-message.js';
import { overflowState } from './queue-positions.js';

/**
 * One conversation's place in its inbox's queue (a count of who is ahead, not the whole queue), or its opening
 * time when it was written outside business hours; null when it is not waiting.
 */
export async function queuePositionOf(
  pool: Pool,
  inbox: InboxRouting,
  basis: WaitBasis,
  conversationId: string,
): Promise<(QueueUpdate & { contactId: string; over: boolean }) | null> {
  const { rows } = await pool.query<{
    contact_id: string;
    in_queue: boolean;
    deferred_until: Date | null;
    left_message: boolean;
    ahead: number;
    waiting: number;
  }>(
    `WITH me AS (SELECT * FROM conversations WHERE id = $2 AND inbox_id = $1)
     SELECT me.contact_id, (${WAITING('me')}) AS in_queue, me.deferred_until,
            ($3 = ANY(me.labels) OR me.callback_phone IS NOT NULL) AS left_message,
            (SELECT count(*) FROM conversations c WHERE c.inbox_id = $1 AND ${WAITING('c')}
                AND ${QUEUE_KEY('c', inbox.routing.vipFirst)} < ${QUEUE_KEY('me', inbox.routing.vipFirst)})::int AS ahead,
            (SELECT count(*) FROM conversations c WHERE c.inbox_id = $1 AND ${WAITING('c')})::int AS waiting
       FROM me`,
    [inbox.id, conversationId, OFFLINE_LABEL],
  );
  const r = rows[0];
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
  if (!r.in_queue) return null;
  const position = r.ahead + 1;
  const eta = estimateWaitSeconds(position, basis.handleSeconds, basis.slots);
  const overflow = overflowState(inbox, r.waiting, eta);
  return {
    conversationId,
    contactId: r.contact_id,
    position,
    waiting: r.waiting,
    estimatedWaitSeconds: eta,
    offers: overflow.offers,
    leftMessage: r.left_message,
    over: overflow.over,
  };
}
