import type {
  Ack,
  LiveChatMessage,
  LiveJoinResult,
  LiveRoom,
  LiveRoomPublic,
  LiveStats,
  LiveViewerEvent,
  LiveYouEvent,
} from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { emitCall } from './call-helpers.js';
import { customerSession, type Http, type TestServer } from './harness.js';
import { connectSocket, type TestSocket, until } from './sockets.js';

/** Everything live-related a socket receives. */
export function liveInbox(socket: TestSocket) {
  const got = {
    rooms: [] as (LiveRoom | LiveRoomPublic)[],
    chat: [] as LiveChatMessage[],
    viewers: [] as LiveViewerEvent[],
    stats: [] as LiveStats[],
    you: [] as LiveYouEvent[],
  };
  socket.on('live:room', (r) => got.rooms.push(r));
  socket.on('live:chat', (m) => got.chat.push(m));
  socket.on('live:viewer', (v) => got.viewers.push(v));
  socket.on('live:stats', (s) => got.stats.push(s));
  socket.on('live:you', (y) => got.you.push(y));
  return {
    ...got,
    /** Waits for a message matching `match` and returns it. */
    chatWhere: async (match: (m: LiveChatMessage) => boolean, ms = 5000) => {
      await until(() => got.chat.some(match), ms);
      return got.chat.filter(match).at(-1) as LiveChatMessage;
    },
  };
}

/** The value of an ok ack, or a failure naming the error. */
export function ok<T extends object>(res: Ack<T>): T {
  if (!res.ok) throw new Error(`live event failed: ${res.error.code} ${res.error.message}`);
  return res;
}
export const codeOf = (res: Ack<object>) => (res.ok ? 'ok' : res.error.code);

export const join = (socket: TestSocket, roomId: string): Promise<Ack<LiveJoinResult>> =>
  emitCall(socket, 'live:join', { roomId });

export const chat = (
  socket: TestSocket,
  roomId: string,
  body: string,
  extra: { question?: boolean; clientMsgId?: string } = {},
) =>
  emitCall(socket, 'live:chat', {
    roomId,
    clientMsgId: extra.clientMsgId ?? uuidv7(),
    body,
    ...(extra.question ? { question: true } : {}),
  });

/** A started room on the demo widget inbox, created by `host`. */
export async function liveRoom(host: Http, inboxId: string, body: Record<string, unknown> = {}): Promise<LiveRoom> {
  const created = await host<LiveRoom>('POST', '/api/v1/live/rooms', {
    title: 'Spring launch 春季新品',
    inboxId,
    ...body,
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const started = await host<LiveRoom>('POST', `/api/v1/live/rooms/${created.body.id}/start`);
  if (started.status !== 200) throw new Error(`start failed: ${started.status}`);
  return started.body;
}

/** A viewer: a widget session on the room's inbox and its customer socket. */
export async function viewer(server: TestServer, inboxKey: string) {
  const session = await customerSession(server, inboxKey);
  const socket = await connectSocket(server.url, 'customer', { sessionToken: session.sessionToken });
  return { ...session, socket, live: liveInbox(socket) };
}
