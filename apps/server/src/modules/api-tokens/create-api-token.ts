import type { Pool, PoolClient } from 'pg';
import { hashToken, newToken } from '../../platform/auth/tokens.js';

/** The plain token is returned once; only its hash is stored. */
export async function createApiToken(
  db: Pool | PoolClient,
  t: { accountId: string; userId: string; name: string; scopes: ('read' | 'write')[] },
): Promise<{ id: string; name: string; token: string }> {
  const token = newToken('wdt');
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO api_tokens (account_id, user_id, name, token_hash, scopes) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [t.accountId, t.userId, t.name, hashToken(token), t.scopes],
  );
  return { id: rows[0]?.id ?? '', name: t.name, token };
}
