import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSession, demoLogins, type Http, startTestServer, type TestServer } from '../../../test/harness.js';
import { identityHmac } from '../widget/identify.js';

let server: TestServer;
let admin: Http;
let agent: Http;

beforeAll(async () => {
  server = await startTestServer();
  const logins = await demoLogins(server);
  admin = logins.admin.http;
  agent = logins.agent.http;
});
afterAll(async () => {
  await server.stop();
});

describe('inbox identity secret', () => {
  it('is shown to admins only, audited, and rotating it invalidates the old HMAC', async () => {
    const path = `/api/v1/inboxes/${server.demo.inboxId}/secret`;
    expect((await agent('GET', path)).status).toBe(403);
    const shown = await admin<{ secret: string }>('GET', path);
    expect(shown.status).toBe(200);
    expect(shown.body.secret).toMatch(/^wdsec_/);

    const rotated = await admin<{ secret: string }>('POST', `${path}/rotate`);
    expect(rotated.body.secret).not.toBe(shown.body.secret);
    const customer = await customerSession(server, server.demo.inboxKey);
    const old = await customer.http<{ verified: boolean }>('POST', '/api/v1/widget/identify', {
      userId: 'member-7',
      hmac: identityHmac(shown.body.secret, 'member-7'),
    });
    expect(old.body.verified).toBe(false);
    const fresh = await customer.http<{ verified: boolean }>('POST', '/api/v1/widget/identify', {
      userId: 'member-7',
      hmac: identityHmac(rotated.body.secret, 'member-7'),
    });
    expect(fresh.body.verified).toBe(true);

    const audit = await admin<{ items: { action: string }[] }>('GET', '/api/v1/audit-log');
    const actions = audit.body.items.map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['inbox.secret_viewed', 'inbox.secret_rotated']));
  });
});

describe('widget settings', () => {
  it('are checked field by field, with defaults filled in', async () => {
    const path = `/api/v1/inboxes/${server.demo.inboxId}`;
    const bad = await admin('PATCH', path, {
      config: { widget: { color: 'red', allowedOrigins: ['shop.example/x'] } },
    });
    expect(bad.status).toBe(400);
    const ok = await admin<{ config: { widget: { color: string; position: string; csat: boolean } } }>('PATCH', path, {
      config: { widget: { color: '#112233', allowedOrigins: ['https://shop.example'] } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.config.widget).toMatchObject({ color: '#112233', position: 'right', csat: true });
  });
});
