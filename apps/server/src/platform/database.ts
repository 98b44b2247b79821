import { join } from 'node:path';
import type { Config } from './config.js';
import { EmbeddedPostgres } from './db/embedded-postgres.js';
import { runMigrations } from './db/migrate.js';
import { type Db, openDb } from './db/pool.js';
import { persistedSecretFor } from './secrets.js';

export type Database = { db: Db; url: string; embedded: EmbeddedPostgres | undefined; close: () => Promise<void> };

/** DATABASE_URL when given; otherwise the embedded PostgreSQL under <data dir>/pg. Migrations applied. */
export async function openDatabase(
  config: Config,
  log: (line: string) => void,
  mode: 'own' | 'attach-or-own' = 'own',
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = new EmbeddedPostgres({
      dataDir: join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      password: persistedSecretFor(config.dataDir, 'pg-password'),
      log,
    });
    await embedded.start(mode);
    url = embedded.url;
  }
  try {
    await runMigrations(url);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const db = openDb(url, config.dbPoolSize);
  return {
    db,
    url,
    embedded,
    close: async () => {
      await db.close().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
