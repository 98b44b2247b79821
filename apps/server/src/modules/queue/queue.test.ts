import type { QueueUpdate } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, customerSession, type Http, startTestServer, type TestServer } from '../../../test/harness.js';
import { connectSocket, type TestSocket, until } from '../../../test/sockets.js';

let server: TestServer;
let api: Http;
let adminId: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  api = (await apiClient(server)).http;
  const me = await api<{ items: { id: string; role: string }[] }>('GET', '/api/v1/users');
  adminId = me.body.items.find((u) => u.role === 'admin')?.id ?? '';
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
});

async function waitingCustomer(text: string) {
  const session = await customerSession(server, server.demo.inboxKey);
  const socket = await connectSocket(server.url, 'customer', { sessionToken: session.sessionToken });
  sockets.push(socket);
  const updates: QueueUpdate[] = [];
  socket.on('queue:update', (u) => updates.push(u));
  const conv = await session.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  await session.http('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content: text });
  return { ...session, conversationId: conv.body.id, updates, last: () => updates.at(-1) };
}

describe('queue position', () => {
  it('tells each waiting customer their place, live, first come first served within priority', async () => {
    const a = await waitingCustomer('first');
    const b = await waitingCustomer('second');
    const c = await waitingCustomer('third');
    await until(() => c.last()?.waiting === 3 && a.last()?.waiting === 3, 5000);
    expect([a.last()?.position, b.last()?.position, c.last()?.position]).toEqual([1, 2, 3]);
    const rest = await b.http<{ queue: QueueUpdate | null }>(
      'GET',
      `/api/v1/widget/conversations/${b.conversationId}/queue`,
    );
    expect(rest.body.queue).toMatchObject({ position: 2, waiting: 3, estimatedWaitSeconds: null });

    // An agent takes the first: the others move up.
    await api('PATCH', `/api/v1/conversations/${a.conversationId}`, { assigneeId: adminId });
    await until(() => b.last()?.position === 1 && c.last()?.position === 2 && a.last()?.position === null, 5000);
    expect(b.last()?.waiting).toBe(2);
    const gone = await a.http<{ queue: QueueUpdate | null }>(
      'GET',
      `/api/v1/widget/conversations/${a.conversationId}/queue`,
    );
    expect(gone.body.queue).toBeNull();

    // An urgent conversation goes ahead of those waiting longer.
    await api('PATCH', `/api/v1/conversations/${c.conversationId}`, { priority: 'urgent' });
    await until(() => c.last()?.position === 1 && b.last()?.position === 2, 5000);
  });

  it('answers only the customer of the conversation', async () => {
    const a = await waitingCustomer('mine');
    const other = await customerSession(server, server.demo.inboxKey);
    const res = await other.http('GET', `/api/v1/widget/conversations/${a.conversationId}/queue`);
    expect(res.status).toBe(404);
  });
});
