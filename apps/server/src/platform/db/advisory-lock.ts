import type { Pool, PoolClient } from 'pg';

/**
 * Runs `task` while holding a PostgreSQL session advisory lock on `key` (hashed): one holder at a time across
 * every server process on the database. The lock's connection is held for the task's duration; the task may use
 * it, or the pool as usual.
 */
export async function withAdvisoryLock<T>(
  pool: Pool,
  key: string,
  task: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let locked = false;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    locked = true;
    return await task(client);
  } finally {
    const unlocked = locked
      ? await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).then(
          () => true,
          () => false,
        )
      : true;
    // A connection whose unlock failed may still hold the lock: destroy it rather than return it to the pool.
    client.release(!unlocked);
  }
}
