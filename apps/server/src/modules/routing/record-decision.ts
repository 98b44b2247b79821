import type { RoutingDecision } from '@warmdesk/protocol';
import type { Tx } from '../../platform/context.js';
import { messageCreatedEvent } from '../messages/events.js';
import { insertMessages } from '../messages/insert-message.js';
import { presentMessage } from '../messages/presenter.js';

export type DecisionDetails = {
  /** The agent the conversation went to (assigned, picked). */
  to?: string | null;
  toName?: string | null;
  /** The agent who acted (picked, assigned from the queue), null for routing itself. */
  by?: string | null;
  policy?: string;
  reason?: string;
  position?: number;
  teamId?: string | null;
  /** Queue wait until this decision, for reports. */
  waitMs?: number;
};

export type DecisionRef = { accountId: string; conversationId: string; inboxId: string };

/**
 * Records routing decisions in the caller's transaction, each for a different conversation: a private activity
 * line in the conversation's timeline and an `events` row `routing.<decision>` that reports count. Two
 * statements however many.
 */
export async function recordDecisions(
  tx: Tx,
  items: readonly { ref: DecisionRef; decision: RoutingDecision; details?: DecisionDetails }[],
): Promise<void> {
  if (items.length === 0) return;
  const inserted = await insertMessages(
    tx.client,
    items.map(({ ref, decision, details = {} }) => ({
      accountId: ref.accountId,
      conversationId: ref.conversationId,
      senderType: 'system' as const,
      senderId: '',
      clientMsgId: null,
      kind: 'event' as const,
      content: `routing: ${decision}${details.toName ? ` -> ${details.toName}` : ''}${details.reason ? ` (${details.reason})` : ''}`,
      private: true,
      attachments: [{ type: 'activity', action: 'routing', decision, ...details }],
    })),
  );
  inserted.forEach((m, i) => {
    const ref = items[i]?.ref;
    if (!m || !ref) return;
    tx.publishAfterCommit(
      messageCreatedEvent(ref.accountId, {
        message: presentMessage(m.row, null),
        customer: m.customer,
        assigneeUserId: m.assigneeUserId,
      }),
    );
  });
  await tx.client.query(
    `INSERT INTO events (account_id, type, payload)
     SELECT a, t, p::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[]) AS e(a, t, p)`,
    [
      items.map((i) => i.ref.accountId),
      items.map((i) => `routing.${i.decision}`),
      items.map((i) => JSON.stringify({ conversationId: i.ref.conversationId, inboxId: i.ref.inboxId, ...i.details })),
    ],
  );
}

/** One decision (see `recordDecisions`). */
export function recordDecision(
  tx: Tx,
  ref: DecisionRef,
  decision: RoutingDecision,
  details: DecisionDetails = {},
): Promise<void> {
  return recordDecisions(tx, [{ ref, decision, details }]);
}
