import type { Notification } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { NOTIFICATION_COLUMNS, type NotificationRow, presentNotification } from './presenter.js';

const LATEST = 50;

/** The user's latest notifications and how many of all theirs are unread. */
export async function listNotifications(
  db: Pool,
  accountId: string,
  userId: string,
): Promise<{ items: Notification[]; unread: number }> {
  const [latest, unread] = await Promise.all([
    db.query<NotificationRow>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n JOIN conversations c ON c.id = n.conversation_id
         LEFT JOIN users a ON a.id = n.actor_user_id
        WHERE n.account_id = $1 AND n.user_id = $2
        ORDER BY n.created_at DESC, n.id DESC LIMIT ${LATEST}`,
      [accountId, userId],
    ),
    db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND user_id = $2 AND read_at IS NULL',
      [accountId, userId],
    ),
  ]);
  return { items: latest.rows.map(presentNotification), unread: unread.rows[0]?.n ?? 0 };
}
