import type { RoutingDecision } from '@warmdesk/protocol';
import type { Tx } from '../../platform/context.js';
import { messageCreatedEvent } from '../messages/events.js';
import { insertMessage } from '../messages/insert-message.js';
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

/**
 * Records one routing decision in the caller's transaction: a private activity line in the conversation's
 * timeline and an `events` row `routing.<decision>` that reports count.
 */
export async function recordDecision(
  tx: Tx,
  c: { accountId: string; conversationId: string; inboxId: string },
  decision: RoutingDecision,
  details: DecisionDetails = {},
): Promise<void> {
  const inserted = await insertMessage(tx.client, {
    accountId: c.accountId,
    conversationId: c.conversationId,
    senderType: 'system',
    senderId: '',
    clientMsgId: null,
    kind: 'event',
    content: `routing: ${decision}${details.toName ? ` -> ${details.toName}` : ''}${details.reason ? ` (${details.reason})` : ''}`,
    private: true,
    attachments: [{ type: 'activity', action: 'routing', decision, ...details }],
  });
  tx.publishAfterCommit(
    messageCreatedEvent(c.accountId, {
      message: presentMessage(inserted.row, null),
      customer: inserted.customer,
      assigneeUserId: inserted.assigneeUserId,
    }),
  );
  await tx.client.query('INSERT INTO events (account_id, type, payload) VALUES ($1, $2, $3)', [
    c.accountId,
    `routing.${decision}`,
    { conversationId: c.conversationId, inboxId: c.inboxId, ...details },
  ]);
}
