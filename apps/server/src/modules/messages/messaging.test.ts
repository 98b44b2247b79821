import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, customerSession, type Http, startTestServer, type TestServer } from '../../../test/harness.js';
import { collect, connectSocket, send, sync, type TestSocket, until, watchAll } from '../../../test/sockets.js';

let server: TestServer;
let api: Http;
let agentSocket: TestSocket;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const c = await apiClient(server);
  api = c.http;
  agentSocket = await watchAll(await connectSocket(server.url, 'agent', { token: c.token }));
  open.push(agentSocket);
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.stop();
});

async function customerWithConversation() {
  const session = await customerSession(server, server.demo.inboxKey);
  const conv = await session.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  const socket = await connectSocket(server.url, 'customer', { sessionToken: session.sessionToken });
  open.push(socket);
  return { session, conversationId: conv.body.id, socket };
}

describe('sending over the socket', () => {
  it('acks with id and the next seq, and delivers to the agent side', async () => {
    const { conversationId, socket } = await customerWithConversation();
    const atAgent = collect(agentSocket);
    const a = await send(socket, conversationId, '你好，我的订单还没到');
    const b = await send(socket, conversationId, 'order #1234');
    if (!a.ok || !b.ok) throw new Error('send failed');
    expect(a.message.seq).toBe(1);
    // Routing may record its decision (queued) in the timeline in between: a private line the customer never sees.
    expect(b.message.seq).toBeGreaterThan(a.message.seq);
    expect(a.message.sender.type).toBe('contact');
    const fromCustomer = () =>
      atAgent.filter((m) => m.conversationId === conversationId && m.sender.type === 'contact');
    await until(() => fromCustomer().length === 2);
    expect(fromCustomer().map((m) => m.content)).toEqual(['你好，我的订单还没到', 'order #1234']);
  });

  it('returns the original message for a resend with the same clientMsgId, also when racing', async () => {
    const { conversationId, socket } = await customerWithConversation();
    const clientMsgId = randomUUID();
    const first = await send(socket, conversationId, 'once', { clientMsgId });
    const again = await send(socket, conversationId, 'once', { clientMsgId });
    if (!first.ok || !again.ok) throw new Error('send failed');
    expect(again.message.id).toBe(first.message.id);
    expect(again.message.seq).toBe(first.message.seq);
    // Two sockets of the same customer racing the same resend: still one message, no seq gap.
    const second = await connectSocket(server.url, 'customer', {
      sessionToken: (socket.auth as { sessionToken: string }).sessionToken,
    });
    open.push(second);
    const racing = randomUUID();
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => send(socket, conversationId, 'race', { clientMsgId: racing })),
      ...Array.from({ length: 5 }, () => send(second, conversationId, 'race', { clientMsgId: racing })),
    ]);
    const ids = new Set(results.map((r) => (r.ok ? r.message.id : 'error')));
    expect(ids.size).toBe(1);
    expect(ids.has('error')).toBe(false);
    const before = await api<{ lastSeq: number }>('GET', `/api/v1/conversations/${conversationId}`);
    const after = await send(socket, conversationId, 'next');
    if (!after.ok) throw new Error('send failed');
    expect(after.message.seq).toBe(before.body.lastSeq + 1);
  });

  it('keeps agent private notes away from the customer, who steps past them with sync', async () => {
    const { conversationId, socket } = await customerWithConversation();
    const atCustomer = collect(socket);
    await send(socket, conversationId, 'hello');
    const note = await send(agentSocket, conversationId, 'VIP, be nice', { private: true });
    const reply = await send(agentSocket, conversationId, 'Hi! How can I help?');
    if (!note.ok || !reply.ok) throw new Error('send failed');
    expect(note.message.kind).toBe('note');
    await until(() => atCustomer.some((m) => m.seq === reply.message.seq));
    expect(atCustomer.map((m) => m.seq)).toEqual([1, reply.message.seq]);
    expect(reply.message.seq).toBeGreaterThan(note.message.seq);
    const page = await sync(socket, conversationId, 0);
    if (!page.ok) throw new Error('sync failed');
    expect(page.messages.map((m) => m.content)).toEqual(['hello', 'Hi! How can I help?']);
    // lastSeq covers the private lines too (the note, and routing's line when it lands after the reply).
    expect(page.lastSeq).toBeGreaterThanOrEqual(reply.message.seq);
    const notAllowed = await send(socket, conversationId, 'sneaky', { private: true });
    expect(notAllowed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses bad payloads with an error ack and keeps serving the socket', async () => {
    const { conversationId, socket } = await customerWithConversation();
    const bad = await socket.timeout(5000).emitWithAck('message:send', { conversationId, content: 'no id' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const big = await send(socket, conversationId, 'x'.repeat(10_001));
    expect(big).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    // PostgreSQL text cannot hold U+0000: refused with a clear message instead of failing in the database.
    const nul = await send(socket, conversationId, 'a\u0000b');
    expect(nul).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', message: expect.stringContaining('NUL') },
    });
    const garbage = await socket.timeout(5000).emitWithAck('conversation:sync', 'hello' as never);
    expect(garbage).toMatchObject({ ok: false });
    socket.emit('typing', null as never);
    const fine = await send(socket, conversationId, 'still here');
    expect(fine.ok).toBe(true);
  });

  it('relays typing both ways and read receipts by seq', async () => {
    const { conversationId, socket } = await customerWithConversation();
    const typingAtAgent: boolean[] = [];
    agentSocket.on('typing', (t) => {
      if (t.conversationId === conversationId) typingAtAgent.push(t.typing);
    });
    const typingAtCustomer: string[] = [];
    socket.on('typing', (t) => typingAtCustomer.push(t.sender.type));
    const readAtCustomer: number[] = [];
    socket.on('read', (r) => readAtCustomer.push(r.seq));
    socket.emit('typing', { conversationId, typing: true });
    agentSocket.emit('typing', { conversationId, typing: true });
    await until(() => typingAtAgent.length > 0 && typingAtCustomer.length > 0);
    expect(typingAtCustomer).toEqual(['user']);
    await send(socket, conversationId, 'are you there?');
    const ack = await agentSocket.timeout(5000).emitWithAck('read', { conversationId, seq: 1 });
    expect(ack).toMatchObject({ ok: true });
    await until(() => readAtCustomer.includes(1));
  });

  it('rate-limits a flooding socket with an error ack instead of dropping silently', async () => {
    const limited = await startTestServer({ WARMDESK_SOCKET_MESSAGES_PER_SECOND: '5' });
    try {
      const session = await customerSession(limited, limited.demo.inboxKey);
      const conv = await session.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
      const socket = await connectSocket(limited.url, 'customer', { sessionToken: session.sessionToken });
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => send(socket, conv.body.id, `m${i}`)));
      const limitedCount = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
      const stored = results.filter((r) => r.ok).length;
      expect(limitedCount).toBeGreaterThan(0);
      expect(stored + limitedCount).toBe(30);
      const page = await session.http<{ messages: unknown[] }>(
        'GET',
        `/api/v1/widget/conversations/${conv.body.id}/messages`,
      );
      expect(page.body.messages.length).toBe(stored);
      socket.close();
    } finally {
      await limited.stop();
    }
  });
});

describe('what an agent socket receives', () => {
  it('gets messages of watched and assigned conversations only, unless it watches all', async () => {
    const c = await apiClient(server);
    const quiet = await connectSocket(server.url, 'agent', { token: c.token });
    open.push(quiet);
    const got = collect(quiet);
    const updates: string[] = [];
    quiet.on('conversation:updated', (conv) => updates.push(conv.id));
    const a = await customerWithConversation();
    const b = await customerWithConversation();
    await send(a.socket, a.conversationId, 'not watched yet');
    const watched = await quiet
      .timeout(5000)
      .emitWithAck('conversation:watch', { conversationIds: [a.conversationId] });
    expect(watched).toMatchObject({ ok: true, watching: 1 });
    await send(a.socket, a.conversationId, 'watched');
    await send(b.socket, b.conversationId, 'other conversation');
    const users = await api<{ items: { id: string; email: string }[] }>('GET', '/api/v1/users');
    const admin = users.body.items.find((u) => u.email === server.demo.admin.email);
    await api('PATCH', `/api/v1/conversations/${b.conversationId}`, { assigneeId: admin?.id });
    await send(b.socket, b.conversationId, 'assigned to me');
    await until(() => got.some((m) => m.content === 'assigned to me'));
    expect(got.filter((m) => m.kind === 'text').map((m) => m.content)).toEqual(['watched', 'assigned to me']);
    expect(updates).toContain(b.conversationId);
    await quiet.timeout(5000).emitWithAck('conversation:unwatch', { conversationIds: [a.conversationId] });
    await send(a.socket, a.conversationId, 'after unwatch');
    await send(b.socket, b.conversationId, 'still mine');
    await until(() => got.some((m) => m.content === 'still mine'));
    expect(got.map((m) => m.content)).not.toContain('after unwatch');
  });
});

describe('REST and socket agree', () => {
  it('lists messages in seq order after a given seq', async () => {
    const { conversationId, socket } = await customerWithConversation();
    for (let i = 1; i <= 5; i++) await send(socket, conversationId, `m${i}`);
    const page = await api<{ messages: { seq: number }[]; hasMore: boolean }>(
      'GET',
      `/api/v1/conversations/${conversationId}/messages?afterSeq=2&limit=2`,
    );
    expect(page.body.messages.map((m) => m.seq)).toEqual([3, 4]);
    expect(page.body.hasMore).toBe(true);
  });
});
