import { randomBytes } from 'node:crypto';
import { CSRF_HEADER } from '@warmdesk/protocol';
import pg from 'pg';
import { inject } from 'vitest';
import { type DemoSeed, demoApiToken } from '../src/modules/accounts/seed-demo.js';
import { forgetWidgetInboxes } from '../src/modules/widget/settings.js';
import { type Config, loadConfig } from '../src/platform/config.js';
import { runMigrations } from '../src/platform/db/migrate.js';
import { type RunningServer, startServer } from '../src/server.js';

export type TestServer = RunningServer & { demo: DemoSeed; databaseName: string; stop: () => Promise<void> };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database on the run's PostgreSQL, migrated; dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = inject('adminDatabaseUrl');
  const name = `wd_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = withDatabase(admin, name);
  await runMigrations(url);
  return {
    url,
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    WARMDESK_PORT: '0',
    WARMDESK_HOST: '127.0.0.1',
    WARMDESK_DATA_DIR: '/tmp/warmdesk-test-data',
    WARMDESK_LOG_LEVEL: 'silent',
    WARMDESK_SESSION_SECRET: 'test-secret-test-secret-test-secret-000',
    WARMDESK_RATE_LIMIT_PER_MINUTE: '100000',
    WARMDESK_WIDGET_SESSIONS_PER_MINUTE: '100000',
    WARMDESK_LOGINS_PER_MINUTE: '100000',
    WARMDESK_SOCKET_CONNECTS_PER_MINUTE: '100000',
    WARMDESK_SOCKET_MESSAGES_PER_SECOND: '1000',
    // No SFU processes unless a test asks for live video (WITH_MEDIA): most tests never use them.
    SERVICES: 'api,realtime,worker',
    ...env,
  });
}

/** For startTestServer: also run the media service (the SFU processes of live rooms). */
export const WITH_MEDIA = { SERVICES: 'api,realtime,worker,media' } as const;

/**
 * Changes inbox rows in SQL, a test's shortcut past the admin routes; like those routes, it makes the server read
 * the widget inbox again at once instead of within its 2 s cache.
 */
export async function changeInboxes(server: TestServer, sql: string, params: unknown[]): Promise<void> {
  await server.ctx.db.pool.query(sql, params);
  forgetWidgetInboxes(server.ctx.db.pool);
}

/** The real server in this process, on its own database, with the demo account seeded. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const server = await startServer(testConfig(db.url, env));
  if (!server.demo) throw new Error('demo not seeded');
  return {
    ...server,
    demo: server.demo,
    databaseName: db.name,
    stop: async () => {
      await server.close();
      await db.drop();
    },
  };
}

/** A small HTTP client for tests: JSON in, `{status, body}` out. */
export type Http = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: T; headers: Headers }>;

export function http(base: string, defaults: Record<string, string> = {}): Http {
  return async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...defaults, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
}

/** Signs in through the real login route; returns a client carrying the session cookie and CSRF header. */
export async function loginAs(server: { url: string }, email: string, password: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const info = (await res.json()) as { csrfToken: string; user: { id: string; accountId: string } };
  return {
    cookie,
    csrfToken: info.csrfToken,
    user: info.user,
    http: http(server.url, { cookie, [CSRF_HEADER]: info.csrfToken }),
  };
}

/** The demo account's admin and first agent, each signed in (the usual cast of a route test). */
export async function demoLogins(server: TestServer) {
  const agent = server.demo.agents[0];
  if (!agent) throw new Error('no demo agent');
  return {
    admin: await loginAs(server, server.demo.admin.email, server.demo.admin.password),
    agent: await loginAs(server, agent.email, agent.password),
  };
}

export async function apiClient(server: TestServer) {
  const token = await demoApiToken(server.ctx.db.pool, server.demo);
  return { token, http: http(server.url, { authorization: `Bearer ${token}` }) };
}

/** A customer session on the demo widget inbox. */
export async function customerSession(server: RunningServer, inboxKey: string) {
  const res = await http(server.url)<{ sessionToken: string; contactId: string }>('POST', '/api/v1/widget/sessions', {
    inboxKey,
  });
  if (res.status !== 200) throw new Error(`session failed: ${res.status}`);
  return { ...res.body, http: http(server.url, { 'x-warmdesk-session': res.body.sessionToken }) };
}

/**
 * Turns automatic routing off on the demo widget inbox (agents pick from the queue), for tests of other features
 * whose signed-in agents would otherwise be assigned conversations by routing.
 */
export async function manualRouting(server: TestServer): Promise<void> {
  await server.ctx.db.pool.query(
    `UPDATE inboxes SET config = jsonb_set(config, '{routing}', '{"policy": "manual"}') WHERE id = $1`,
    [server.demo.inboxId],
  );
}
