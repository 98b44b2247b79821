import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  customerSession,
  demoLogins,
  type Http,
  http,
  loginAs,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';

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

type Conv = { id: string; status: string; displayId: number; labels: string[]; assignee: { id: string } | null };

async function newConversation(): Promise<{ conv: Conv; customer: Awaited<ReturnType<typeof customerSession>> }> {
  const customer = await customerSession(server, server.demo.inboxKey);
  const res = await customer.http<Conv>('POST', '/api/v1/widget/conversations', {});
  expect(res.status).toBe(200);
  return { conv: res.body, customer };
}

describe('agent sessions', () => {
  it('refuses a wrong password with the same message as an unknown email', async () => {
    const anon = http(server.url);
    const wrong = await anon('POST', '/api/v1/auth/login', { email: server.demo.admin.email, password: 'nope' });
    const unknown = await anon('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('sets an httpOnly SameSite session cookie and requires the CSRF header for writes', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.demo.admin.email, password: server.demo.admin.password }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] ?? '';
    const forged = await http(server.url, { cookie: `${cookie.slice(0, -3)}abc` })('GET', '/api/v1/auth/me');
    expect(forged.status).toBe(401);
    const noCsrf = await http(server.url, { cookie })('POST', '/api/v1/teams', { name: 'Sales' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body).toMatchObject({ error: { code: 'csrf_failed' } });
  });

  it('logout ends the session', async () => {
    const s = await loginAs(server, server.demo.supervisor.email, server.demo.supervisor.password);
    expect((await s.http('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await s.http('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await s.http('GET', '/api/v1/auth/me')).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets only admins manage inboxes, teams and tokens', async () => {
    expect((await agent('POST', '/api/v1/inboxes', { name: 'X', type: 'api' })).status).toBe(403);
    expect((await agent('POST', '/api/v1/teams', { name: 'X' })).status).toBe(403);
    expect((await agent('GET', '/api/v1/api-tokens')).status).toBe(403);
    expect((await agent('GET', '/api/v1/audit-log')).status).toBe(403);
    const created = await admin('POST', '/api/v1/teams', { name: 'Pre-sales', skills: ['video'] });
    expect(created.status).toBe(201);
  });

  it('lets agents change their own status but not their role or capacity', async () => {
    const me = await agent<{ user: { id: string } }>('GET', '/api/v1/auth/me');
    const id = me.body.user.id;
    expect((await agent('PATCH', `/api/v1/users/${id}`, { status: 'online' })).status).toBe(200);
    expect((await agent('PATCH', `/api/v1/users/${id}`, { role: 'admin' })).status).toBe(403);
    expect((await agent('PATCH', `/api/v1/users/${id}`, { capacity: 99 })).status).toBe(403);
  });
});

describe('API tokens', () => {
  it('authenticates as Bearer, honours scopes and stops working once revoked', async () => {
    const { http: api } = await apiClient(server);
    expect((await api('GET', '/api/v1/conversations')).status).toBe(200);
    const ro = await admin<{ id: string; token: string }>('POST', '/api/v1/api-tokens', {
      name: 'reports',
      scopes: ['read'],
    });
    const readOnly = http(server.url, { authorization: `Bearer ${ro.body.token}` });
    expect((await readOnly('GET', '/api/v1/contacts')).status).toBe(200);
    expect((await readOnly('POST', '/api/v1/contacts', { name: 'x' })).status).toBe(403);
    const list = await admin<{ items: { id: string; lastUsedAt: string | null }[] }>('GET', '/api/v1/api-tokens');
    expect(list.body.items.find((t) => t.id === ro.body.id)?.lastUsedAt).not.toBeNull();
    expect((await admin('DELETE', `/api/v1/api-tokens/${ro.body.id}`)).status).toBe(204);
    expect((await readOnly('GET', '/api/v1/contacts')).status).toBe(401);
    const audit = await admin<{ items: { action: string }[] }>('GET', '/api/v1/audit-log');
    expect(audit.body.items.map((i) => i.action)).toContain('api_token.revoked');
  });
});

describe('validation and errors', () => {
  it('answers bad input with a 4xx and a clear error body', async () => {
    const { conv } = await newConversation();
    const empty = await agent('POST', `/api/v1/conversations/${conv.id}/messages`, { content: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { code: 'validation_failed' } });
    const long = await agent('POST', `/api/v1/conversations/${conv.id}/messages`, { content: 'x'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('10000');
    const huge = await agent('POST', `/api/v1/conversations/${conv.id}/messages`, { content: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'payload_too_large' } });
    const broken = await agent('POST', `/api/v1/conversations/${conv.id}/messages`, '{"content":');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: expect.any(String) } });
    const badId = await agent('GET', '/api/v1/conversations/not-a-uuid');
    expect(badId.status).toBe(400);
    const missing = await agent('GET', '/api/v1/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await http(server.url)('GET', '/healthz')).status).toBe(200);
  });
});

describe('conversations', () => {
  it('gives per-account display ids and resumes the open conversation for the same customer', async () => {
    const { conv, customer } = await newConversation();
    const again = await customer.http<Conv>('POST', '/api/v1/widget/conversations', {});
    expect(again.body.id).toBe(conv.id);
    const other = await newConversation();
    expect(other.conv.displayId).toBe(conv.displayId + 1);
  });

  it('starts one conversation for a customer opening it from several tabs at once, and spends one number', async () => {
    const before = await newConversation();
    const customer = await customerSession(server, server.demo.inboxKey);
    const tabs = await Promise.all(
      Array.from({ length: 8 }, () => customer.http<Conv>('POST', '/api/v1/widget/conversations', {})),
    );
    expect(tabs.map((t) => t.status)).toEqual(Array(8).fill(200));
    expect(new Set(tabs.map((t) => t.body.id)).size).toBe(1);
    expect(tabs[0]?.body.displayId).toBe(before.conv.displayId + 1);
    const after = await newConversation();
    expect(after.conv.displayId).toBe(before.conv.displayId + 2);
  });

  it('follows the status state machine and records each change in the timeline', async () => {
    const { conv } = await newConversation();
    const resolved = await agent<Conv>('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'resolved' });
    expect(resolved.body.status).toBe('resolved');
    const snooze = await agent('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'snoozed' });
    expect(snooze.status).toBe(409);
    expect(snooze.body).toMatchObject({ error: { code: 'invalid_transition' } });
    const closed = await agent('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'closed' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const reopen = await agent('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'open' });
    expect(reopen.status).toBe(409);
    const msgs = await agent<{ messages: { kind: string; private: boolean; attachments: { action?: string }[] }[] }>(
      'GET',
      `/api/v1/conversations/${conv.id}/messages`,
    );
    const events = msgs.body.messages.filter((m) => m.kind === 'event');
    expect(events.map((m) => m.attachments[0]?.action)).toEqual(['status', 'status']);
    expect(events.every((m) => m.private)).toBe(true);
    const send = await agent('POST', `/api/v1/conversations/${conv.id}/messages`, { content: 'hello?' });
    expect(send.status).toBe(409);
    expect(send.body).toMatchObject({ error: { code: 'conversation_closed' } });
  });

  it('reopens a resolved conversation when the customer writes again', async () => {
    const { conv, customer } = await newConversation();
    await agent('PATCH', `/api/v1/conversations/${conv.id}`, { status: 'resolved' });
    const sent = await customer.http('POST', `/api/v1/widget/conversations/${conv.id}/messages`, {
      content: 'one more thing',
    });
    expect(sent.status).toBe(201);
    const now = await agent<Conv>('GET', `/api/v1/conversations/${conv.id}`);
    expect(now.body.status).toBe('open');
  });

  it('assigns, labels, prioritises and filters with cursor pagination', async () => {
    const me = await agent<{ user: { id: string } }>('GET', '/api/v1/auth/me');
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { conv } = await newConversation();
      created.push(conv.id);
      const r = await agent<Conv>('PATCH', `/api/v1/conversations/${conv.id}`, {
        assigneeId: me.body.user.id,
        labels: ['vip', 'refund'],
        priority: 'high',
      });
      expect(r.body.assignee?.id).toBe(me.body.user.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const q: string = `/api/v1/conversations?label=refund&assigneeId=${me.body.user.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await agent<{ items: Conv[]; nextCursor: string | null }>('GET', q);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual([...created].sort());
    const bad = await agent('PATCH', `/api/v1/conversations/${created[0]}`, {
      assigneeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.status).toBe(404);
  });
});

describe('contacts', () => {
  it('searches, updates and merges contacts with an audit entry', async () => {
    const a = await newConversation();
    const b = await newConversation();
    await agent('PATCH', `/api/v1/contacts/${a.customer.contactId}`, { name: '张三', email: 'zhang@example.com' });
    await agent('PATCH', `/api/v1/contacts/${b.customer.contactId}`, {
      phone: '+86 138 0000 0000',
      attributes: { plan: 'gold' },
    });
    const found = await agent<{ items: { id: string }[] }>('GET', `/api/v1/contacts?q=${encodeURIComponent('张')}`);
    expect(found.body.items.map((c) => c.id)).toContain(a.customer.contactId);
    const merged = await agent<{ id: string; phone: string; email: string; attributes: Record<string, unknown> }>(
      'POST',
      `/api/v1/contacts/${a.customer.contactId}/merge`,
      { sourceContactId: b.customer.contactId },
    );
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      email: 'zhang@example.com',
      phone: '+86 138 0000 0000',
      attributes: { plan: 'gold' },
    });
    const convs = await agent<{ items: Conv[] }>('GET', `/api/v1/conversations?contactId=${a.customer.contactId}`);
    expect(convs.body.items.map((c) => c.id).sort()).toEqual([a.conv.id, b.conv.id].sort());
    const bConv = await b.customer.http<Conv>('POST', '/api/v1/widget/conversations', {});
    expect(bConv.body.id).toBe(b.conv.id);
    const audit = await admin<{ items: { action: string }[] }>('GET', '/api/v1/audit-log');
    expect(audit.body.items.map((i) => i.action)).toContain('contact.merged');
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    const anon = http(server.url);
    expect((await anon('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('warmdesk_messages_stored_total');
    const doc = await anon<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/conversations/{id}/messages');
    const ui = await fetch(`${server.url}/api/docs/`);
    expect(ui.status).toBe(200);
  });
});
