import type { ConversationCounts, ConversationListItem, Message, ReadEvent } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSession, type Http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';
import { connectSocket, type TestSocket, until } from '../../../test/sockets.js';
import { createAccount } from '../accounts/create-account.js';

let server: TestServer;
let agent1: Awaited<ReturnType<typeof loginAs>>;
let agent2: Awaited<ReturnType<typeof loginAs>>;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const [a1, a2] = server.demo.agents;
  if (!a1 || !a2) throw new Error('demo agents missing');
  agent1 = await loginAs(server, a1.email, a1.password);
  agent2 = await loginAs(server, a2.email, a2.password);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
});

async function customerConversation(inboxKey = server.demo.inboxKey) {
  const customer = await customerSession(server, inboxKey);
  const conv = await customer.http<{ id: string; lastSeq: number }>('POST', '/api/v1/widget/conversations', {});
  const say = async (content: string) => {
    const res = await customer.http<Message>('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, {
      content,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  return { customer, id: conv.body.id, say };
}

const item = (who: Http, id: string) => who<ConversationListItem>('GET', `/api/v1/conversations/${id}`);

describe('the conversation list as the workspace shows it', () => {
  it('carries the contact, the last message and the caller’s unread count', async () => {
    const c = await customerConversation();
    await agent1.http('PATCH', `/api/v1/contacts/${c.customer.contactId}`, {
      name: '王女士',
      email: 'wang@example.com',
    });
    await c.say('我的快递还没到');
    const second = await c.say('订单号 12345');

    const list = await agent1.http<{ items: ConversationListItem[] }>(
      'GET',
      `/api/v1/conversations?contactId=${c.customer.contactId}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: c.id,
      contact: { id: c.customer.contactId, name: '王女士', email: 'wang@example.com', phone: null },
      lastMessage: { content: '订单号 12345', senderType: 'contact', private: false },
      unreadCount: 2,
      contactReadSeq: 0,
    });

    // Reading is per agent: agent 1 has read everything, agent 2 nothing.
    const read = await agent1.http('POST', `/api/v1/conversations/${c.id}/read`, { seq: second.seq });
    expect(read.status).toBe(204);
    expect((await item(agent1.http, c.id)).body.unreadCount).toBe(0);
    expect((await item(agent2.http, c.id)).body.unreadCount).toBe(2);
    await c.say('还在吗？');
    expect((await item(agent1.http, c.id)).body.unreadCount).toBe(1);
  });

  it('flags private notes as the last message, skips activity, and shows how far the customer read', async () => {
    const c = await customerConversation();
    await c.say('hello');
    const reply = await agent1.http<Message>('POST', `/api/v1/conversations/${c.id}/messages`, { content: 'Hi!' });
    await agent1.http('POST', `/api/v1/conversations/${c.id}/messages`, { content: 'VIP, be quick', private: true });
    await agent1.http('PATCH', `/api/v1/conversations/${c.id}`, { priority: 'high' });
    const got = await item(agent1.http, c.id);
    expect(got.body.lastMessage).toMatchObject({ content: 'VIP, be quick', senderType: 'user', private: true });
    expect(got.body.priority).toBe('high');

    const customerSocket = await connectSocket(server.url, 'customer', { sessionToken: c.customer.sessionToken });
    sockets.push(customerSocket);
    const ack = await customerSocket.timeout(5_000).emitWithAck('read', { conversationId: c.id, seq: reply.body.seq });
    expect(ack).toMatchObject({ ok: true });
    expect((await item(agent1.http, c.id)).body.contactReadSeq).toBe(reply.body.seq);
  });

  it('tells the customer and the watching agents when an agent reads over REST', async () => {
    const c = await customerConversation();
    const said = await c.say('anyone there?');
    const customerSocket = await connectSocket(server.url, 'customer', { sessionToken: c.customer.sessionToken });
    const watcher = await connectSocket(server.url, 'agent', {}, { cookie: agent2.cookie, origin: server.url });
    sockets.push(customerSocket, watcher);
    await watcher.timeout(5_000).emitWithAck('conversation:watch', { conversationIds: [c.id] });
    const toCustomer: ReadEvent[] = [];
    const toAgent: ReadEvent[] = [];
    customerSocket.on('read', (e) => toCustomer.push(e));
    watcher.on('read', (e) => toAgent.push(e));
    await agent1.http('POST', `/api/v1/conversations/${c.id}/read`, { seq: said.seq });
    const expected = { conversationId: c.id, readerType: 'user', readerId: agent1.user.id, seq: said.seq };
    await until(() => toCustomer.length > 0 && toAgent.length > 0);
    expect(toCustomer[0]).toEqual(expected);
    expect(toAgent[0]).toEqual(expected);
    // Reading again changes nothing and says nothing.
    await agent1.http('POST', `/api/v1/conversations/${c.id}/read`, { seq: said.seq });
    await new Promise((r) => setTimeout(r, 150));
    expect(toCustomer).toHaveLength(1);
  });

  it('refuses a read receipt for an unknown conversation', async () => {
    const res = await agent1.http('POST', '/api/v1/conversations/00000000-0000-4000-8000-000000000000/read', {
      seq: 1,
    });
    expect(res.status).toBe(404);
  });
});

describe('live counts', () => {
  it('counts open conversations for the caller: mine, unread, unassigned, by status, inbox, team and label', async () => {
    const shop = await createAccount(server.ctx.db.pool, {
      name: 'Counting shop',
      adminEmail: 'counts@shop.example',
      adminName: 'Counter',
      password: 'counting-password-1',
    });
    const admin = await loginAs(server, 'counts@shop.example', 'counting-password-1');
    const inboxKey = shop.inboxKey;
    const team = await admin.http<{ id: string }>('POST', '/api/v1/teams', { name: 'Tier 2' });

    const mine = await customerConversation(inboxKey);
    const said = await mine.say('help please');
    await admin.http('PATCH', `/api/v1/conversations/${mine.id}`, { assigneeId: admin.user.id });
    const unassigned = await customerConversation(inboxKey);
    await admin.http('PATCH', `/api/v1/conversations/${unassigned.id}`, { labels: ['vip'], teamId: team.body.id });
    const done = await customerConversation(inboxKey);
    await admin.http('PATCH', `/api/v1/conversations/${done.id}`, { status: 'resolved', labels: ['vip'] });

    const counts = await admin.http<ConversationCounts>('GET', '/api/v1/conversations/counts');
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({
      mine: 1,
      mineUnread: 1,
      unassigned: 1,
      all: 2,
      byStatus: { open: 2, pending: 0, snoozed: 0, resolved: 1, closed: 0 },
      byInbox: { [shop.inboxId]: 2 },
      byTeam: { [team.body.id]: 1 },
      byLabel: { vip: 1 },
    });
    await admin.http('POST', `/api/v1/conversations/${mine.id}/read`, { seq: said.seq });
    const after = await admin.http<ConversationCounts>('GET', '/api/v1/conversations/counts');
    expect(after.body).toMatchObject({ mine: 1, mineUnread: 0 });
    // Shared counts are cached for a second, but a change shows at once.
    await admin.http('PATCH', `/api/v1/conversations/${unassigned.id}`, { status: 'resolved' });
    const resolved = await admin.http<ConversationCounts>('GET', '/api/v1/conversations/counts');
    expect(resolved.body).toMatchObject({ all: 1, unassigned: 0 });
    expect(resolved.body.byLabel).toEqual({});
    expect(resolved.body.byTeam).toEqual({});
    expect(resolved.body.byStatus).toMatchObject({ open: 1, resolved: 2 });
    // The demo account's agents count their own account only.
    const demo = await agent1.http<ConversationCounts>('GET', '/api/v1/conversations/counts');
    expect(demo.body.byInbox[shop.inboxId]).toBeUndefined();
  });
});

describe('transfer with a note', () => {
  it('keeps the note in the timeline as a private note from the acting agent', async () => {
    const c = await customerConversation();
    await c.say('I want a refund');
    const alone = await agent1.http('PATCH', `/api/v1/conversations/${c.id}`, { note: 'just a note' });
    expect(alone.status).toBe(400);
    expect(alone.body).toMatchObject({ error: { code: 'validation_failed' } });
    const withPriority = await agent1.http('PATCH', `/api/v1/conversations/${c.id}`, { priority: 'low', note: 'x' });
    expect(withPriority.status).toBe(400);

    const moved = await agent1.http<ConversationListItem>('PATCH', `/api/v1/conversations/${c.id}`, {
      assigneeId: agent2.user.id,
      note: 'Customer paid twice, please refund one',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.assignee?.id).toBe(agent2.user.id);
    const timeline = await agent1.http<{ messages: Message[] }>('GET', `/api/v1/conversations/${c.id}/messages`);
    const tail = timeline.body.messages.slice(-2);
    expect(tail[0]).toMatchObject({ kind: 'event', private: true });
    expect(tail[1]).toMatchObject({
      kind: 'note',
      private: true,
      content: 'Customer paid twice, please refund one',
      sender: { type: 'user', id: agent1.user.id },
    });
    const customerView = await c.customer.http<{ messages: Message[] }>(
      'GET',
      `/api/v1/widget/conversations/${c.id}/messages`,
    );
    expect(customerView.body.messages.map((m) => m.content)).not.toContain('Customer paid twice, please refund one');
  });
});
