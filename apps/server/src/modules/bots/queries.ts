import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { KB_COLUMNS, type KbEntryRow } from './presenter.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/** The account's entries, recently changed first; `q` searches questions and answer text, `tag` filters. */
export async function listKbEntries(
  db: Pool,
  accountId: string,
  f: { q?: string; tag?: string; limit: number; offset: number },
): Promise<{ rows: KbEntryRow[]; total: number }> {
  const params = [accountId, f.q ? `%${escapeLike(f.q)}%` : null, f.tag || null];
  const where = `account_id = $1
    AND ($2::text IS NULL OR array_to_string(questions, ' ') ILIKE $2 OR answer->>'text' ILIKE $2)
    AND ($3::text IS NULL OR $3 = ANY(tags))`;
  const [page, count] = await Promise.all([
    db.query<KbEntryRow>(
      `SELECT ${KB_COLUMNS} FROM kb_entries WHERE ${where} ORDER BY updated_at DESC, id LIMIT $4 OFFSET $5`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM kb_entries WHERE ${where}`, params),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function getKbEntry(db: Pool | PoolClient, accountId: string, id: string): Promise<KbEntryRow> {
  const { rows } = await db.query<KbEntryRow>(
    `SELECT ${KB_COLUMNS} FROM kb_entries WHERE account_id = $1 AND id = $2`,
    [accountId, id],
  );
  if (!rows[0]) throw new AppError('not_found', 'knowledge-base entry not found');
  return rows[0];
}
