import type {
  Ack,
  Call,
  CallMediaStateEvent,
  CallNoticePayload,
  CallPeerEvent,
  CallPointerPayload,
  CallSignalEvent,
  ClientToServerEvents,
  Message,
} from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { Socket } from 'socket.io-client';
import { type Http, http } from './harness.js';
import { collect, connectSocket, type TestSocket, until } from './sockets.js';

/** Everything call-related a socket receives. */
export function callInbox(socket: TestSocket) {
  const got = {
    updates: [] as Call[],
    signals: [] as CallSignalEvent[],
    media: [] as CallMediaStateEvent[],
    peers: [] as CallPeerEvent[],
    notices: [] as CallNoticePayload[],
    pointers: [] as CallPointerPayload[],
    messages: collect(socket),
  };
  socket.on('call:updated', (c) => got.updates.push(c));
  socket.on('call:signal', (s) => got.signals.push(s));
  socket.on('call:media', (m) => got.media.push(m));
  socket.on('call:peer', (p) => got.peers.push(p));
  socket.on('call:notice', (n) => got.notices.push(n));
  socket.on('call:pointer', (p) => got.pointers.push(p));
  return {
    ...got,
    /** The latest update of a call. */
    last: (callId: string) => got.updates.filter((c) => c.id === callId).at(-1),
    /** Waits until the latest update of a call is in this state. */
    until: async (callId: string, state: Call['state'], ms = 5000) => {
      await until(() => got.updates.filter((c) => c.id === callId).at(-1)?.state === state, ms);
      const call = got.updates.filter((c) => c.id === callId).at(-1);
      if (!call) throw new Error('no call update');
      return call;
    },
  };
}
export type CallInbox = ReturnType<typeof callInbox>;

type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends
  | ((res: infer R) => void)
  | undefined
  ? R
  : never;

/** Emits a call event and returns its ack. */
export function emitCall<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckOf<E>> {
  return (socket as unknown as Socket).timeout(10_000).emitWithAck(event, payload) as Promise<AckOf<E>>;
}

/** Emits anything (a malformed payload) and returns the ack. */
export function emitRaw(socket: TestSocket, event: string, payload: unknown): Promise<Ack<object>> {
  return (socket as unknown as Socket).timeout(10_000).emitWithAck(event, payload) as Promise<Ack<object>>;
}

/** The call in an ack, or a failure naming the error. */
export function callOf(res: Ack<{ call: Call }> | Ack<{ call: Call | null }>): Call {
  if (!res.ok) throw new Error(`call event failed: ${res.error.code} ${res.error.message}`);
  if (!res.call) throw new Error('no call in the ack');
  return res.call;
}

export const startCall = (socket: TestSocket, conversationId: string, media: 'voice' | 'video') =>
  emitCall(socket, 'call:start', { callId: uuidv7(), conversationId, media });

/** A widget customer with a conversation (nobody wrote yet) and a connected socket. */
export async function callingCustomer(server: { url: string }, inboxKey: string) {
  const session = await http(server.url)<{ sessionToken: string; contactId: string }>(
    'POST',
    '/api/v1/widget/sessions',
    { inboxKey },
  );
  if (session.status !== 200) throw new Error(`session failed: ${session.status}`);
  const customer = http(server.url, { 'x-warmdesk-session': session.body.sessionToken });
  const conv = await customer<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  const socket = await connectSocket(server.url, 'customer', { sessionToken: session.body.sessionToken });
  return {
    http: customer,
    sessionToken: session.body.sessionToken,
    contactId: session.body.contactId,
    conversationId: conv.body.id,
    socket,
    calls: callInbox(socket),
    /** Another tab of the same customer. */
    anotherTab: () => connectSocket(server.url, 'customer', { sessionToken: session.body.sessionToken }),
  };
}

/** The call lines of a conversation's timeline, as agents read them. */
export async function callTimeline(agent: Http, conversationId: string) {
  const res = await agent<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversationId}/messages?limit=200`);
  return res.body.messages.flatMap((m) =>
    m.attachments
      .filter((a) => a.type === 'activity' && a.action === 'call')
      .map((a) => ({ ...(a as Record<string, unknown>), private: m.private, kind: m.kind, content: m.content })),
  ) as unknown as ({ event: string; durationSeconds?: number | null; endReason?: string | null } & Record<
    string,
    unknown
  >)[];
}
