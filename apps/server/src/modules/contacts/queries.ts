import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { CONTACT_SELECT, type ContactRow } from './presenter.js';

export async function getContact(db: Pool | PoolClient, accountId: string, id: string): Promise<ContactRow> {
  const { rows } = await db.query<ContactRow>(`${CONTACT_SELECT} WHERE c.account_id = $1 AND c.id = $2`, [
    accountId,
    id,
  ]);
  if (!rows[0]) throw new AppError('not_found', 'contact not found');
  return rows[0];
}

/** Search by name, email or phone; merged-away contacts are hidden. Keyset on (created_at, id). */
export async function searchContacts(db: Pool, accountId: string, q: { q?: string; cursor?: string; limit: number }) {
  const params: unknown[] = [accountId];
  const where = ['c.account_id = $1', 'c.merged_into_id IS NULL'];
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
    const n = params.length;
    where.push(`(c.name ILIKE $${n} OR c.email ILIKE $${n} OR c.phone ILIKE $${n})`);
  }
  if (q.cursor) {
    const [t, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
    if (!t || !id || Number.isNaN(Date.parse(t)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new AppError('validation_failed', 'cursor is not valid');
    }
    params.push(t, id);
    where.push(`(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(q.limit + 1);
  const { rows } = await db.query<ContactRow & { cursor_ts: string }>(
    `${CONTACT_SELECT.replace('SELECT c.*', `SELECT c.*, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts`)}
      WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > q.limit && last ? Buffer.from(`${last.cursor_ts}|${last.id}`).toString('base64url') : null;
  return { items, nextCursor };
}
