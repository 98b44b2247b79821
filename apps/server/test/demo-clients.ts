import { expect } from 'vitest';
import { http } from './harness.js';
import type { Demo } from './process.js';
import { connectSocket, type TestSocket, watchAll } from './sockets.js';

/** An agent signed in through `loginUrl` whose workspace socket (session cookie) is connected to `socketUrl`. */
export async function agentSocket(
  demo: Demo,
  loginUrl: string,
  socketUrl: string,
  opened: TestSocket[],
): Promise<TestSocket> {
  const res = await fetch(`${loginUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demo.agentEmail, password: demo.agentPassword }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const socket = await watchAll(await connectSocket(socketUrl, 'agent', {}, { cookie }));
  opened.push(socket);
  return socket;
}

/** A widget customer on `url` who opens a conversation there and connects their socket there. */
export async function demoCustomer(
  demo: Demo,
  url: string,
  opened: TestSocket[],
  transports: ('websocket' | 'polling')[] = ['websocket'],
) {
  const session = await http(url)<{ sessionToken: string }>('POST', '/api/v1/widget/sessions', {
    inboxKey: demo.inboxKey,
  });
  expect(session.status).toBe(200);
  const asCustomer = http(url, { 'x-warmdesk-session': session.body.sessionToken });
  const socket = await connectSocket(url, 'customer', { sessionToken: session.body.sessionToken }, {}, transports);
  opened.push(socket);
  return {
    socket,
    /** REST calls as this customer (their session header). */
    http: asCustomer,
    open: async () => {
      const conv = await asCustomer<{ id: string }>('POST', '/api/v1/widget/conversations', {});
      expect(conv.status).toBeLessThan(300);
      return conv.body.id;
    },
  };
}
