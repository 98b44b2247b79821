import type { Pool } from 'pg';
import { CANNED_COLUMNS, type CannedResponseRow } from './presenter.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The account's canned responses by short code; `q` (what follows `/` in the composer) matches a short-code
 * prefix or any part of the content, ignoring case.
 */
export async function searchCannedResponses(db: Pool, accountId: string, q?: string): Promise<CannedResponseRow[]> {
  const term = q?.replace(/^\//, '').trim();
  const { rows } = await db.query<CannedResponseRow>(
    `SELECT ${CANNED_COLUMNS} FROM canned_responses
      WHERE account_id = $1
        AND ($2::text IS NULL OR lower(short_code) LIKE lower($2) || '%' OR content ILIKE '%' || $2 || '%')
      ORDER BY lower(short_code)
      LIMIT 500`,
    [accountId, term ? escapeLike(term) : null],
  );
  return rows;
}
