import { randomUUID } from 'node:crypto';
import {
  type Ack,
  type ClientToServerEvents,
  type Message,
  type MessagePage,
  NAMESPACES,
  type ServerToClientEvents,
} from '@warmdesk/protocol';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects a raw Socket.IO client and waits for `ready` (or rejects with the server's refusal). */
export function connectSocket(
  url: string,
  side: 'customer' | 'agent',
  auth: Record<string, string>,
  extraHeaders: Record<string, string> = {},
  transports: ('websocket' | 'polling')[] = ['websocket'],
): Promise<TestSocket> {
  const socket: TestSocket = io(`${url}${NAMESPACES[side]}`, {
    auth,
    transports,
    reconnection: false,
    forceNew: true,
    extraHeaders,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket connect timeout')), 10_000);
    socket.once('ready', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

export function send(
  socket: TestSocket,
  conversationId: string,
  content: string,
  opts: { clientMsgId?: string; private?: boolean } = {},
): Promise<Ack<{ message: Message }>> {
  return socket.timeout(10_000).emitWithAck('message:send', {
    conversationId,
    clientMsgId: opts.clientMsgId ?? randomUUID(),
    content,
    ...(opts.private ? { private: true } : {}),
  });
}

export function sync(socket: TestSocket, conversationId: string, afterSeq: number): Promise<Ack<MessagePage>> {
  return socket.timeout(10_000).emitWithAck('conversation:sync', { conversationId, afterSeq });
}

/** Collects every `message:new` a socket receives. */
export function collect(socket: TestSocket): Message[] {
  const got: Message[] = [];
  socket.on('message:new', (m) => got.push(m));
  return got;
}

export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An agent socket that receives every conversation's messages in its account. */
export async function watchAll(socket: TestSocket): Promise<TestSocket> {
  const res = await socket.timeout(5_000).emitWithAck('conversation:watch', { all: true });
  if (!res.ok) throw new Error(`watch failed: ${res.error.code}`);
  return socket;
}
