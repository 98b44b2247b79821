import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';

/**
 * Who a note's @mentions notify: each id must be an active user of the author's account (else nothing is
 * stored), and only private notes mention. The author is never notified of their own note.
 */
export async function mentionRecipients(
  db: Pool | PoolClient,
  m: { accountId: string; authorId: string; isPrivate: boolean; mentions: readonly string[] },
): Promise<string[]> {
  if (m.mentions.length === 0) return [];
  if (!m.isPrivate) throw new AppError('validation_failed', 'only private notes can mention colleagues');
  const ids = [...new Set(m.mentions)];
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM users WHERE account_id = $1 AND active AND id = ANY($2::uuid[])',
    [m.accountId, ids],
  );
  const known = new Set(rows.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AppError('validation_failed', 'mentions must be active users of this account', { unknown });
  }
  return ids.filter((id) => id !== m.authorId);
}
