import type { CannedResponse } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, type Http, startTestServer, type TestServer } from '../../../test/harness.js';

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

const search = async (q?: string) =>
  (
    await agent<{ items: CannedResponse[] }>(
      'GET',
      `/api/v1/canned-responses${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`,
    )
  ).body.items.map((c) => c.shortCode);

describe('canned responses', () => {
  it('come seeded in the demo account, in both languages', async () => {
    expect(await search()).toEqual(expect.arrayContaining(['hello', '你好', 'refund', '退款']));
  });

  it('are kept by admins (audited) and searched by every agent by short-code prefix or content', async () => {
    const created = await admin<CannedResponse>('POST', '/api/v1/canned-responses', {
      shortCode: 'Shipping-Time',
      content: 'Orders ship within 48 hours from our Hangzhou warehouse.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shortCode: 'Shipping-Time' });
    expect(await search('ship')).toContain('Shipping-Time');
    expect(await search('/SHIP')).toContain('Shipping-Time');
    expect(await search('hangzhou')).toContain('Shipping-Time');
    expect(await search('ping-t')).not.toContain('Shipping-Time');
    expect(await search('%')).toEqual([]);
    expect(await search('退')).toContain('退款');

    const dup = await admin('POST', '/api/v1/canned-responses', { shortCode: 'shipping-time', content: 'again' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: { code: 'conflict' } });
    const bad = await admin('POST', '/api/v1/canned-responses', { shortCode: 'has space', content: 'x' });
    expect(bad.status).toBe(400);

    const updated = await admin<CannedResponse>('PATCH', `/api/v1/canned-responses/${created.body.id}`, {
      content: 'Orders ship within 24 hours.',
    });
    expect(updated.body).toMatchObject({ shortCode: 'Shipping-Time', content: 'Orders ship within 24 hours.' });
    const clash = await admin('PATCH', `/api/v1/canned-responses/${created.body.id}`, { shortCode: 'HELLO' });
    expect(clash.status).toBe(409);

    expect((await admin('DELETE', `/api/v1/canned-responses/${created.body.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/api/v1/canned-responses/${created.body.id}`)).status).toBe(404);
    expect(await search('ship')).toEqual([]);
    const audit = await admin<{ items: { action: string }[] }>('GET', '/api/v1/audit-log');
    expect(audit.body.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['canned_response.created', 'canned_response.updated', 'canned_response.deleted']),
    );
  });

  it('cannot be changed by agents', async () => {
    expect((await agent('POST', '/api/v1/canned-responses', { shortCode: 'mine', content: 'x' })).status).toBe(403);
  });
});
