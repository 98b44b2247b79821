import type { Tx } from '../../platform/context.js';
import { createNotifications } from './create-notifications.js';
import { snippetOf } from './presenter.js';

/**
 * Tells a new assignee (assigned by someone else) in the assigning transaction. The snippet is the transfer
 * note, or else what the customer said last.
 */
export async function notifyAssignee(
  tx: Tx,
  a: { accountId: string; conversationId: string; actorUserId: string | null; assigneeId: string; note?: string },
): Promise<void> {
  let text = a.note;
  if (text === undefined) {
    const { rows } = await tx.client.query<{ content: string }>(
      `SELECT content FROM messages WHERE conversation_id = $1 AND sender_type = 'contact'
        ORDER BY seq DESC LIMIT 1`,
      [a.conversationId],
    );
    text = rows[0]?.content ?? '';
  }
  await createNotifications(tx, {
    accountId: a.accountId,
    type: 'assigned',
    conversationId: a.conversationId,
    actorUserId: a.actorUserId,
    snippet: snippetOf(text),
    recipientIds: [a.assigneeId],
  });
}
