import type { CsatListQuery } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { CsatRow } from './presenter.js';

const CSAT_SELECT = `
  SELECT r.*, c.display_id, c.inbox_id, u.name AS assignee_name,
         to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts
    FROM csat_ratings r
    JOIN conversations c ON c.id = r.conversation_id
    LEFT JOIN users u ON u.id = r.assignee_user_id`;

export async function findRating(
  db: Pool | PoolClient,
  accountId: string,
  conversationId: string,
): Promise<CsatRow | undefined> {
  const { rows } = await db.query<CsatRow>(`${CSAT_SELECT} WHERE r.account_id = $1 AND r.conversation_id = $2`, [
    accountId,
    conversationId,
  ]);
  return rows[0];
}

export async function getRating(db: Pool | PoolClient, accountId: string, conversationId: string): Promise<CsatRow> {
  const row = await findRating(db, accountId, conversationId);
  if (!row) throw new AppError('not_found', 'this conversation has not been rated');
  return row;
}

type Cursor = { t: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as Partial<Cursor>;
    if (typeof c.t === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.t))) {
      return { t: c.t, id: c.id };
    }
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 'cursor is not valid');
}

const DAY_MS = 86_400_000;
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const startOf = (s: string) => new Date(isDay(s) ? `${s}T00:00:00Z` : s);
/** A day bound includes the whole (UTC) day; an instant bound is excluded. */
const endOf = (s: string) => (isDay(s) ? new Date(startOf(s).getTime() + DAY_MS) : new Date(s));

function filters(accountId: string, q: Omit<CsatListQuery, 'cursor' | 'limit'>) {
  const where = ['r.account_id = $1'];
  const params: unknown[] = [accountId];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (q.from) add((n) => `r.created_at >= $${n}`, startOf(q.from));
  if (q.to) add((n) => `r.created_at < $${n}`, endOf(q.to));
  if (q.assigneeId === 'none') where.push('r.assignee_user_id IS NULL');
  else if (q.assigneeId) add((n) => `r.assignee_user_id = $${n}`, q.assigneeId);
  return { where, params };
}

/** Newest first, keyset-paginated on (created_at, id); the summary covers every page of the filter. */
export async function listRatings(db: Pool, accountId: string, q: CsatListQuery) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  const all = filters(accountId, q);
  const page = filters(accountId, q);
  if (cursor) {
    page.params.push(cursor.t, cursor.id);
    page.where.push(`(r.created_at, r.id) < ($${page.params.length - 1}::timestamptz, $${page.params.length}::uuid)`);
  }
  page.params.push(q.limit + 1);
  const [summary, { rows }] = await Promise.all([
    db.query<{ count: number; average: number | null }>(
      `SELECT count(*)::int AS count, round(avg(r.score), 2)::float8 AS average
         FROM csat_ratings r WHERE ${all.where.join(' AND ')}`,
      all.params,
    ),
    db.query<CsatRow>(
      `${CSAT_SELECT} WHERE ${page.where.join(' AND ')}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $${page.params.length}`,
      page.params,
    ),
  ]);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ t: last.cursor_ts, id: last.id }) : null;
  const totals = summary.rows[0] ?? { count: 0, average: null };
  return { items, nextCursor, summary: { count: totals.count, average: totals.average } };
}
