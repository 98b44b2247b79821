import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgres } from '../src/platform/db/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * One PostgreSQL for the whole run: the embedded default, or an external server when
 * WARMDESK_TEST_DATABASE_URL is set (CI also runs the suite against the machine's PostgreSQL 15).
 * Each test file then creates its own database on it.
 */
export default async function setup(project: TestProject) {
  const external = process.env.WARMDESK_TEST_DATABASE_URL;
  if (external) {
    project.provide('adminDatabaseUrl', external);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'warmdesk-test-pg-'));
  chmodSync(dir, 0o755);
  const pg = new EmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await freePort(),
    password: 'test',
    log: () => {},
  });
  await pg.start();
  project.provide('adminDatabaseUrl', pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
