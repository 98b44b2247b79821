import type { Tx } from '../../platform/context.js';
import { createNotifications } from './create-notifications.js';
import { NOTIFICATION_CREATED } from './events.js';
import { NOTIFICATION_COLUMNS, type NotificationRow, presentNotification, snippetOf } from './presenter.js';

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

/**
 * Routing's assignments, many at once: each new assignee is told, with what the customer said last (`said`, read
 * by the caller in its assigning statement). Two statements however many.
 */
export async function notifyRoutedAssignees(
  tx: Tx,
  accountId: string,
  assignments: readonly { conversationId: string; assigneeId: string; said: string }[],
): Promise<void> {
  if (assignments.length === 0) return;
  const { rows } = await tx.client.query<NotificationRow>(
    `WITH n AS (
       INSERT INTO notifications (account_id, user_id, type, conversation_id, actor_user_id, snippet)
       SELECT $1, u, 'assigned', c, NULL, s FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS i(u, c, s)
       RETURNING *
     )
     SELECT ${NOTIFICATION_COLUMNS} FROM n JOIN conversations c ON c.id = n.conversation_id
       LEFT JOIN users a ON a.id = n.actor_user_id`,
    [
      accountId,
      assignments.map((a) => a.assigneeId),
      assignments.map((a) => a.conversationId),
      assignments.map((a) => snippetOf(a.said)),
    ],
  );
  await tx.emitAll(
    rows.map((row) => ({
      accountId,
      type: NOTIFICATION_CREATED,
      payload: { userId: row.user_id, notification: presentNotification(row) },
    })),
  );
}
