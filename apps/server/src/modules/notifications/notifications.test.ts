import { randomUUID } from 'node:crypto';
import type { Message, Notification } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerSession,
  http,
  loginAs,
  manualRouting,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { connectSocket, type TestSocket, until } from '../../../test/sockets.js';
import { createAccount } from '../accounts/create-account.js';
import { createApiToken } from '../api-tokens/create-api-token.js';

type Session = Awaited<ReturnType<typeof loginAs>>;
type Page = { items: Notification[]; unread: number };

let server: TestServer;
let agent1: Session;
let agent2: Session;
let otherUserId: string;
let socket1: TestSocket;
let socket2: TestSocket;
let otherSocket: TestSocket;
const got1: Notification[] = [];
const got2: Notification[] = [];
const gotOther: Notification[] = [];

const agentSocket = (s: Session) => connectSocket(server.url, 'agent', {}, { cookie: s.cookie, origin: server.url });

beforeAll(async () => {
  server = await startTestServer();
  await manualRouting(server);
  const [a1, a2] = server.demo.agents;
  if (!a1 || !a2) throw new Error('demo agents missing');
  agent1 = await loginAs(server, a1.email, a1.password);
  agent2 = await loginAs(server, a2.email, a2.password);
  const other = await createAccount(server.ctx.db.pool, {
    name: 'Other shop',
    adminEmail: 'boss@other-notify.example',
    adminName: 'Other boss',
    password: 'other-password-1',
  });
  otherUserId = other.adminId;
  const token = await createApiToken(server.ctx.db.pool, {
    accountId: other.accountId,
    userId: other.adminId,
    name: 't',
    scopes: ['read', 'write'],
  });
  socket1 = await agentSocket(agent1);
  socket2 = await agentSocket(agent2);
  otherSocket = await connectSocket(server.url, 'agent', { token: token.token });
  socket1.on('notification:new', (n) => got1.push(n));
  socket2.on('notification:new', (n) => got2.push(n));
  otherSocket.on('notification:new', (n) => gotOther.push(n));
});
afterAll(async () => {
  for (const s of [socket1, socket2, otherSocket]) s?.close();
  await server.stop();
});

async function conversation(firstWords?: string) {
  const customer = await customerSession(server, server.demo.inboxKey);
  const conv = await customer.http<{ id: string; displayId: number }>('POST', '/api/v1/widget/conversations', {});
  if (firstWords) {
    await customer.http('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content: firstWords });
  }
  return conv.body;
}

/** Messages people wrote (routing's activity lines, which arrive on their own schedule, left out). */
const messagesOf = async (id: string) =>
  (await agent1.http<{ messages: Message[] }>('GET', `/api/v1/conversations/${id}/messages`)).body.messages.filter(
    (m) => m.sender.type !== 'system',
  );

describe('assignment notifications', () => {
  it('tell the new assignee (only them) who assigned what, with the customer’s last words', async () => {
    const c = await conversation('我想退货，衣服尺码不对');
    const before1 = got1.length;
    await agent1.http('PATCH', `/api/v1/conversations/${c.id}`, { assigneeId: agent2.user.id });
    await until(() => got2.some((n) => n.conversationId === c.id));
    const n = got2.find((x) => x.conversationId === c.id);
    expect(n).toMatchObject({
      type: 'assigned',
      displayId: c.displayId,
      actor: { id: agent1.user.id, name: server.demo.agents[0]?.name },
      snippet: '我想退货，衣服尺码不对',
      readAt: null,
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(got1.length).toBe(before1);
  });

  it('use the transfer note as the snippet, cut to 140 characters', async () => {
    const c = await conversation('hello');
    const note = `Please call back. ${'x'.repeat(200)}`;
    await agent1.http('PATCH', `/api/v1/conversations/${c.id}`, { assigneeId: agent2.user.id, note });
    await until(() => got2.some((n) => n.conversationId === c.id));
    const snippet = got2.find((x) => x.conversationId === c.id)?.snippet ?? '';
    expect([...snippet]).toHaveLength(140);
    expect(snippet.startsWith('Please call back. xxx')).toBe(true);
  });

  it('are not made when agents take a conversation themselves', async () => {
    const c = await conversation('hi');
    await agent2.http('PATCH', `/api/v1/conversations/${c.id}`, { assigneeId: agent2.user.id });
    await new Promise((r) => setTimeout(r, 200));
    expect(got2.some((n) => n.conversationId === c.id)).toBe(false);
    const page = await agent2.http<Page>('GET', '/api/v1/notifications');
    expect(page.body.items.some((n) => n.conversationId === c.id)).toBe(false);
  });
});

describe('mentions in private notes', () => {
  it('notify each mentioned colleague over REST, not the author', async () => {
    const c = await conversation('where is my parcel?');
    const before1 = got1.length;
    const res = await agent1.http<Message>('POST', `/api/v1/conversations/${c.id}/messages`, {
      content: '@Alice can you check the courier?',
      private: true,
      mentions: [agent2.user.id, agent1.user.id, agent2.user.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'note', private: true });
    await until(() => got2.some((n) => n.conversationId === c.id && n.type === 'mention'));
    const mentions = got2.filter((n) => n.conversationId === c.id && n.type === 'mention');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ snippet: '@Alice can you check the courier?', actor: { id: agent1.user.id } });
    await new Promise((r) => setTimeout(r, 150));
    expect(got1.length).toBe(before1);
  });

  it('notify over the socket path too, once per message even when resent', async () => {
    const c = await conversation('hello');
    const payload = {
      conversationId: c.id,
      clientMsgId: randomUUID(),
      content: 'Alice, this one is yours',
      private: true,
      mentions: [agent2.user.id],
    };
    const first = await socket1.timeout(5_000).emitWithAck('message:send', payload);
    expect(first).toMatchObject({ ok: true });
    const again = await socket1.timeout(5_000).emitWithAck('message:send', payload);
    expect(again).toMatchObject({ ok: true });
    if (!first.ok || !again.ok) throw new Error('send failed');
    expect(again.message.id).toBe(first.message.id);
    await until(() => got2.some((n) => n.conversationId === c.id));
    await new Promise((r) => setTimeout(r, 150));
    expect(got2.filter((n) => n.conversationId === c.id)).toHaveLength(1);
  });

  it('are refused on messages the customer sees, and for unknown or other accounts’ users; nothing is stored', async () => {
    const c = await conversation('hi');
    const before = (await messagesOf(c.id)).length;
    const send = (body: Record<string, unknown>) =>
      agent1.http('POST', `/api/v1/conversations/${c.id}/messages`, { content: 'look @you', ...body });
    for (const body of [
      { mentions: [agent2.user.id] },
      { private: true, mentions: [randomUUID()] },
      { private: true, mentions: [agent2.user.id, otherUserId] },
    ]) {
      const res = await send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const overSocket = await socket1.timeout(5_000).emitWithAck('message:send', {
      conversationId: c.id,
      clientMsgId: randomUUID(),
      content: 'public @you',
      mentions: [agent2.user.id],
    });
    expect(overSocket).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await messagesOf(c.id)).toHaveLength(before);
    await new Promise((r) => setTimeout(r, 150));
    expect(got2.some((n) => n.conversationId === c.id)).toBe(false);
  });

  it('never reach another account’s agents', () => {
    expect(gotOther).toEqual([]);
  });
});

describe('the notification list', () => {
  it('shows the agent’s own notifications, newest first, and marks them read', async () => {
    const page = await agent2.http<Page>('GET', '/api/v1/notifications');
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThanOrEqual(4);
    expect(page.body.unread).toBe(page.body.items.length);
    const times = page.body.items.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await agent1.http<Page>('GET', '/api/v1/notifications')).body.items).toEqual([]);

    const [first, second] = page.body.items;
    if (!first || !second) throw new Error('notifications missing');
    // Another agent cannot mark them.
    expect((await agent1.http('POST', '/api/v1/notifications/read', { ids: [first.id] })).status).toBe(204);
    expect((await agent2.http<Page>('GET', '/api/v1/notifications')).body.unread).toBe(page.body.unread);

    expect((await agent2.http('POST', '/api/v1/notifications/read', { ids: [first.id, second.id] })).status).toBe(204);
    const after = await agent2.http<Page>('GET', '/api/v1/notifications');
    expect(after.body.unread).toBe(page.body.unread - 2);
    expect(after.body.items.find((n) => n.id === first.id)?.readAt).not.toBeNull();
    expect((await agent2.http('POST', '/api/v1/notifications/read', { all: true })).status).toBe(204);
    expect((await agent2.http<Page>('GET', '/api/v1/notifications')).body.unread).toBe(0);
    expect((await agent2.http('POST', '/api/v1/notifications/read', {})).status).toBe(400);
  });

  it('is for agents only', async () => {
    expect((await http(server.url)('GET', '/api/v1/notifications')).status).toBe(401);
  });
});
