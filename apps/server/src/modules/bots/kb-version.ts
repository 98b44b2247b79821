import type { Pool, PoolClient } from 'pg';

/**
 * Every change to an account's knowledge base or tokenizer words bumps its counter, in the changing transaction;
 * each process compares it with the version of the index it holds before matching.
 */
export async function bumpKbVersion(db: PoolClient, accountId: string): Promise<void> {
  await db.query(
    `INSERT INTO bot_accounts (account_id, kb_version) VALUES ($1, 1)
     ON CONFLICT (account_id) DO UPDATE SET kb_version = bot_accounts.kb_version + 1, updated_at = now()`,
    [accountId],
  );
}

export async function readKbVersion(db: Pool | PoolClient, accountId: string): Promise<number> {
  const { rows } = await db.query<{ kb_version: number }>('SELECT kb_version FROM bot_accounts WHERE account_id = $1', [
    accountId,
  ]);
  return Number(rows[0]?.kb_version ?? 0);
}

export async function readDictionary(db: Pool | PoolClient, accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ dictionary: string[] }>(
    'SELECT dictionary FROM bot_accounts WHERE account_id = $1',
    [accountId],
  );
  return rows[0]?.dictionary ?? [];
}
