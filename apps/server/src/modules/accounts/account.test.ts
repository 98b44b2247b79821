import type { AccountSettings, SessionInfo } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, type Http, startTestServer, type TestServer } from '../../../test/harness.js';
import { ensureDemoAccount } from './seed-demo.js';

let server: TestServer;
let admin: Http;
let agent: Http;

beforeAll(async () => {
  server = await startTestServer();
  const logins = await demoLogins(server);
  admin = logins.admin.http;
  agent = logins.agent.http;
});
afterAll(() => server.stop());

describe('account settings', () => {
  it('are read by every agent and changed by admins only (audited)', async () => {
    const read = await agent<AccountSettings>('GET', '/api/v1/account');
    expect(read.body).toEqual({
      id: server.demo.accountId,
      name: 'Warmdesk Demo',
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      awayAfterDisconnectSeconds: 60,
    });
    expect((await agent('PATCH', '/api/v1/account', { name: 'Mine now' })).status).toBe(403);
    expect((await admin('PATCH', '/api/v1/account', { awayAfterDisconnectSeconds: 0 })).status).toBe(400);
    const bad = await admin('PATCH', '/api/v1/account', { timezone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(400);
    const changed = await admin<AccountSettings>('PATCH', '/api/v1/account', {
      name: 'Demo Shop',
      locale: 'en',
      timezone: 'Europe/Berlin',
    });
    expect(changed.body).toMatchObject({ name: 'Demo Shop', locale: 'en', timezone: 'Europe/Berlin' });
    expect((await agent<SessionInfo>('GET', '/api/v1/auth/me')).body.account).toEqual(changed.body);
    const audit = await admin<{ items: { action: string; details: Record<string, unknown> }[] }>(
      'GET',
      '/api/v1/audit-log',
    );
    expect(audit.body.items.find((i) => i.action === 'account.updated')?.details).toMatchObject({ locale: 'en' });
  });
});

describe('users’ own language', () => {
  it('is set and reset by the user', async () => {
    const me = await agent<SessionInfo>('GET', '/api/v1/auth/me');
    const id = me.body.user.id;
    const set = await agent<{ locale: string | null }>('PATCH', `/api/v1/users/${id}`, { locale: 'en' });
    expect(set.body.locale).toBe('en');
    expect((await agent<SessionInfo>('GET', '/api/v1/auth/me')).body.user.locale).toBe('en');
    const reset = await agent<{ locale: string | null }>('PATCH', `/api/v1/users/${id}`, { locale: null });
    expect(reset.body.locale).toBeNull();
    expect((await agent('PATCH', `/api/v1/users/${id}`, { locale: 'fr' })).status).toBe(400);
  });
});

describe('demo seeding', () => {
  it('adds the sample canned responses and labels once: what an admin deletes stays deleted', async () => {
    const count = async () => {
      const { rows } = await server.ctx.db.pool.query<{ canned: number; labels: number }>(
        `SELECT (SELECT count(*)::int FROM canned_responses WHERE account_id = $1) AS canned,
                (SELECT count(*)::int FROM labels WHERE account_id = $1) AS labels`,
        [server.demo.accountId],
      );
      return rows[0];
    };
    const before = await count();
    expect(before?.canned).toBeGreaterThanOrEqual(4);
    expect(before?.labels).toBeGreaterThanOrEqual(4);
    const labels = await admin<{ items: { id: string; name: string }[] }>('GET', '/api/v1/labels');
    const bug = labels.body.items.find((l) => l.name === 'bug');
    expect((await admin('DELETE', `/api/v1/labels/${bug?.id}`)).status).toBe(204);
    const again = await ensureDemoAccount(server.ctx.db.pool);
    expect(again.created).toBe(false);
    expect(await count()).toEqual({ canned: before?.canned, labels: (before?.labels ?? 0) - 1 });
  });
});
