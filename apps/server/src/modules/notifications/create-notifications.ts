import type { Tx } from '../../platform/context.js';
import { NOTIFICATION_CREATED } from './events.js';
import { NOTIFICATION_COLUMNS, type NotificationRow, presentNotification } from './presenter.js';

export type NewNotifications = {
  accountId: string;
  type: 'assigned' | 'mention';
  conversationId: string;
  actorUserId: string | null;
  snippet: string;
  recipientIds: string[];
};

/** Stores one notification per recipient in the caller's transaction; each reaches its recipient after commit. */
export async function createNotifications(tx: Tx, n: NewNotifications): Promise<void> {
  if (n.recipientIds.length === 0) return;
  const { rows } = await tx.client.query<NotificationRow>(
    `WITH n AS (
       INSERT INTO notifications (account_id, user_id, type, conversation_id, actor_user_id, snippet)
       SELECT $1, u, $3, $4, $5, $6 FROM unnest($2::uuid[]) AS u
       RETURNING *
     )
     SELECT ${NOTIFICATION_COLUMNS} FROM n JOIN conversations c ON c.id = n.conversation_id
       LEFT JOIN users a ON a.id = n.actor_user_id`,
    [n.accountId, n.recipientIds, n.type, n.conversationId, n.actorUserId, n.snippet],
  );
  for (const row of rows) {
    await tx.emit({
      accountId: n.accountId,
      type: NOTIFICATION_CREATED,
      payload: { userId: row.user_id, notification: presentNotification(row) },
    });
  }
}
