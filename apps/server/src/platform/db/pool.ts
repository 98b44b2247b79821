import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';
import { nameRepeatedStatements } from './statement-names.js';

export type Orm = NodePgDatabase<typeof schema>;
export type Db = { pool: pg.Pool; orm: Orm; close: () => Promise<void> };

// Return timestamps and bigints in the shapes the presenters expect.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function openDb(url: string, max: number): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    application_name: 'warmdesk',
    // Prepared statements (statement-names.ts) keep one generic plan; otherwise PostgreSQL may plan them again on
    // every call. Options given in DATABASE_URL take the place of this.
    options: '-c plan_cache_mode=force_generic_plan',
  });
  pool.on('connect', nameRepeatedStatements);
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  const orm = drizzle(pool, { schema });
  return { pool, orm, close: () => pool.end() };
}

export async function isReachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
