import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  customerSession,
  type Http,
  http,
  loginAs,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';
import { collect, connectSocket, send, sync, type TestSocket, until, watchAll } from '../../test/sockets.js';
import { createAccount } from './accounts/create-account.js';
import { createApiToken } from './api-tokens/create-api-token.js';

let server: TestServer;
let demoApi: Http;
let otherApi: Http;
let otherToken: string;
let demoToken: string;
const sockets: TestSocket[] = [];
// Account A (demo): one customer conversation with a message.
let convA: string;
let contactA: string;
let customerA: Awaited<ReturnType<typeof customerSession>>;
let other: Awaited<ReturnType<typeof createAccount>>;

beforeAll(async () => {
  server = await startTestServer();
  const demo = await apiClient(server);
  demoApi = demo.http;
  demoToken = demo.token;
  other = await createAccount(server.ctx.db.pool, {
    name: 'Other shop',
    adminEmail: 'boss@other.example',
    adminName: 'Other boss',
    password: 'other-password-1',
  });
  const t = await createApiToken(server.ctx.db.pool, {
    accountId: other.accountId,
    userId: other.adminId,
    name: 't',
    scopes: ['read', 'write'],
  });
  otherToken = t.token;
  otherApi = http(server.url, { authorization: `Bearer ${otherToken}` });
  customerA = await customerSession(server, server.demo.inboxKey);
  contactA = customerA.contactId;
  convA = (await customerA.http<{ id: string }>('POST', '/api/v1/widget/conversations', {})).body.id;
  await customerA.http('POST', `/api/v1/widget/conversations/${convA}/messages`, {
    content: 'my card number is secret',
  });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
});

describe("another account's credentials", () => {
  it('cannot read or change the first account over REST', async () => {
    expect((await otherApi('GET', `/api/v1/conversations/${convA}`)).status).toBe(404);
    expect((await otherApi('GET', `/api/v1/conversations/${convA}/messages`)).status).toBe(404);
    expect((await otherApi('PATCH', `/api/v1/conversations/${convA}`, { status: 'resolved' })).status).toBe(404);
    expect((await otherApi('POST', `/api/v1/conversations/${convA}/messages`, { content: 'hi' })).status).toBe(404);
    expect((await otherApi('GET', `/api/v1/contacts/${contactA}`)).status).toBe(404);
    expect((await otherApi('PATCH', `/api/v1/contacts/${contactA}`, { name: 'x' })).status).toBe(404);
    expect((await otherApi('GET', `/api/v1/inboxes/${server.demo.inboxId}`)).status).toBe(404);
    const list = await otherApi<{ items: { id: string }[] }>('GET', '/api/v1/conversations');
    expect(list.body.items).toEqual([]);
    const contacts = await otherApi<{ items: unknown[] }>('GET', '/api/v1/contacts');
    expect(contacts.body.items).toEqual([]);
    const users = await otherApi<{ items: { email: string }[] }>('GET', '/api/v1/users');
    expect(users.body.items.map((u) => u.email)).toEqual(['boss@other.example']);
  });

  it('cannot merge, assign or use the other account’s ids', async () => {
    const mine = await otherApi<{ id: string }>('POST', '/api/v1/contacts', { name: 'Mine' });
    const merge = await otherApi('POST', `/api/v1/contacts/${mine.body.id}/merge`, { sourceContactId: contactA });
    expect(merge.status).toBe(404);
    const conv = await otherApi<{ id: string }>('POST', '/api/v1/conversations', {
      inboxId: server.demo.inboxId,
      contactId: mine.body.id,
    });
    expect(conv.status).toBe(404);
    const users = await demoApi<{ items: { id: string }[] }>('GET', '/api/v1/users');
    const ownConv = await otherApi<{ id: string }>('POST', '/api/v1/conversations', {
      inboxId: other.inboxId,
      contactId: mine.body.id,
    });
    const assign = await otherApi('PATCH', `/api/v1/conversations/${ownConv.body.id}`, {
      assigneeId: users.body.items[0]?.id,
    });
    expect(assign.status).toBe(404);
  });

  it('does not deliver the first account’s events to the other account’s agent socket', async () => {
    const otherAgent = await watchAll(await connectSocket(server.url, 'agent', { token: otherToken }));
    const demoAgent = await watchAll(await connectSocket(server.url, 'agent', { token: demoToken }));
    sockets.push(otherAgent, demoAgent);
    const leaked = collect(otherAgent);
    const seen = collect(demoAgent);
    await customerA.http('POST', `/api/v1/widget/conversations/${convA}/messages`, { content: 'second secret' });
    await until(() => seen.some((m) => m.content === 'second secret'));
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
    const peek = await sync(otherAgent, convA, 0);
    expect(peek).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const write = await send(otherAgent, convA, 'injected');
    expect(write).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const watch = await otherAgent.timeout(5000).emitWithAck('conversation:watch', { conversationIds: [convA] });
    expect(watch).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe("another customer's session", () => {
  it('cannot read, write or sync the first customer’s conversation', async () => {
    const intruder = await customerSession(server, server.demo.inboxKey);
    expect((await intruder.http('GET', `/api/v1/widget/conversations/${convA}/messages`)).status).toBe(404);
    expect(
      (await intruder.http('POST', `/api/v1/widget/conversations/${convA}/messages`, { content: 'x' })).status,
    ).toBe(404);
    const own = await intruder.http<{ items: { id: string }[] }>('GET', '/api/v1/widget/conversations');
    expect(own.body.items).toEqual([]);
    const socket = await connectSocket(server.url, 'customer', { sessionToken: intruder.sessionToken });
    sockets.push(socket);
    const leaked = collect(socket);
    expect(await sync(socket, convA, 0)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send(socket, convA, 'hi')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    socket.emit('typing', { conversationId: convA, typing: true });
    await customerA.http('POST', `/api/v1/widget/conversations/${convA}/messages`, { content: 'third secret' });
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
  });

  it('is refused by the agent side, and a bad token is refused by both sides', async () => {
    await expect(connectSocket(server.url, 'agent', { token: customerA.sessionToken })).rejects.toThrow('unauthorized');
    await expect(connectSocket(server.url, 'customer', { sessionToken: 'wdc_not-a-real-token-000' })).rejects.toThrow(
      'unauthorized',
    );
    await expect(connectSocket(server.url, 'customer', {})).rejects.toThrow('unauthorized');
    expect(
      (await http(server.url, { authorization: `Bearer ${customerA.sessionToken}` })('GET', '/api/v1/contacts')).status,
    ).toBe(401);
  });

  it('cannot use its session on another inbox', async () => {
    const res = await http(server.url, { 'x-warmdesk-session': customerA.sessionToken })<{ contactId: string }>(
      'POST',
      '/api/v1/widget/sessions',
      { inboxKey: other.inboxKey },
    );
    expect(res.status).toBe(200);
    expect(res.body.contactId).not.toBe(contactA);
  });
});

describe('agent sockets with a cookie', () => {
  it('accept a same-origin session and refuse a cross-site page riding the cookie', async () => {
    const s = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
    const ok = await connectSocket(server.url, 'agent', {}, { cookie: s.cookie, origin: server.url });
    sockets.push(ok);
    await expect(
      connectSocket(server.url, 'agent', {}, { cookie: s.cookie, origin: 'https://evil.example' }),
    ).rejects.toThrow('unauthorized');
  });
});

describe('workspace resources of another account', () => {
  it('are neither listed nor reachable by id', async () => {
    const canned = await demoApi<{ items: { id: string }[] }>('GET', '/api/v1/canned-responses');
    const cannedId = canned.body.items[0]?.id;
    const labels = await demoApi<{ items: { id: string }[] }>('GET', '/api/v1/labels');
    const labelId = labels.body.items[0]?.id;
    expect(cannedId && labelId).toBeTruthy();
    expect((await otherApi<{ items: unknown[] }>('GET', '/api/v1/canned-responses')).body.items).toEqual([]);
    expect((await otherApi<{ items: unknown[] }>('GET', '/api/v1/labels')).body.items).toEqual([]);
    expect((await otherApi('PATCH', `/api/v1/canned-responses/${cannedId}`, { content: 'x' })).status).toBe(404);
    expect((await otherApi('DELETE', `/api/v1/canned-responses/${cannedId}`)).status).toBe(404);
    expect((await otherApi('PATCH', `/api/v1/labels/${labelId}`, { color: '#000000' })).status).toBe(404);
    expect((await otherApi('DELETE', `/api/v1/labels/${labelId}`)).status).toBe(404);

    const note = await demoApi<{ id: string }>('POST', `/api/v1/contacts/${contactA}/notes`, { content: 'VIP' });
    expect(note.status).toBe(201);
    expect((await otherApi('GET', `/api/v1/contacts/${contactA}/notes`)).status).toBe(404);
    expect((await otherApi('POST', `/api/v1/contacts/${contactA}/notes`, { content: 'x' })).status).toBe(404);
    expect((await otherApi('DELETE', `/api/v1/contacts/${contactA}/notes/${note.body.id}`)).status).toBe(404);

    expect((await otherApi('POST', `/api/v1/conversations/${convA}/read`, { seq: 1 })).status).toBe(404);
    const counts = await otherApi<{ all: number; byInbox: Record<string, number> }>(
      'GET',
      '/api/v1/conversations/counts',
    );
    expect(counts.body.byInbox[server.demo.inboxId]).toBeUndefined();
    const account = await otherApi<{ id: string }>('GET', '/api/v1/account');
    expect(account.body.id).toBe(other.accountId);
    const renamed = await otherApi<{ name: string }>('PATCH', '/api/v1/account', { name: 'Renamed other' });
    expect(renamed.body.name).toBe('Renamed other');
    expect((await demoApi<{ name: string }>('GET', '/api/v1/account')).body.name).toBe('Warmdesk Demo');

    const demoUsers = await demoApi<{ items: { id: string }[] }>('GET', '/api/v1/users');
    const demoUserId = demoUsers.body.items[0]?.id;
    expect((await otherApi('POST', `/api/v1/users/${demoUserId}/invite`)).status).toBe(404);
  });

  it('cannot be mentioned, and their notifications cannot be read or marked', async () => {
    const demoUsers = await demoApi<{ items: { id: string }[] }>('GET', '/api/v1/users');
    const mine = await otherApi<{ id: string }>('POST', '/api/v1/contacts', { name: 'Someone' });
    const conv = await otherApi<{ id: string }>('POST', '/api/v1/conversations', {
      inboxId: other.inboxId,
      contactId: mine.body.id,
    });
    const mention = await otherApi('POST', `/api/v1/conversations/${conv.body.id}/messages`, {
      content: 'hey',
      private: true,
      mentions: [demoUsers.body.items[0]?.id],
    });
    expect(mention.status).toBe(400);

    // A notification in the demo account, then the other account tries to mark it.
    const [a1] = server.demo.agents;
    const agent1 = await loginAs(server, a1?.email ?? '', a1?.password ?? '');
    await demoApi('PATCH', `/api/v1/conversations/${convA}`, { assigneeId: agent1.user.id });
    const page = await agent1.http<{ items: { id: string }[]; unread: number }>('GET', '/api/v1/notifications');
    expect(page.body.unread).toBeGreaterThan(0);
    const ids = page.body.items.map((n) => n.id);
    expect((await otherApi('POST', '/api/v1/notifications/read', { ids })).status).toBe(204);
    expect((await otherApi('POST', '/api/v1/notifications/read', { all: true })).status).toBe(204);
    expect((await agent1.http<{ unread: number }>('GET', '/api/v1/notifications')).body.unread).toBe(page.body.unread);
    expect((await otherApi<{ items: unknown[] }>('GET', '/api/v1/notifications')).body.items).toEqual([]);
  });
});
