import type { Pool } from 'pg';

/** Marks the user's own notifications read (the given ones, or all); other users' ids are ignored. */
export async function markNotificationsRead(
  db: Pool,
  q: { accountId: string; userId: string; ids: string[] | 'all' },
): Promise<void> {
  await db.query(
    `UPDATE notifications SET read_at = now()
      WHERE account_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))`,
    [q.accountId, q.userId, q.ids === 'all' ? null : q.ids],
  );
}
