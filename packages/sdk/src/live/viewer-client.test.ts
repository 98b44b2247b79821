import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitCall } from '../../../../apps/server/test/call-helpers.js';
import { demoLogins, type loginAs, startTestServer, type TestServer } from '../../../../apps/server/test/harness.js';
import { join, liveInbox, liveRoom, ok } from '../../../../apps/server/test/live-helpers.js';
import { connectSocket, type TestSocket, until } from '../../../../apps/server/test/sockets.js';
import { memoryStorage } from '../storage.js';
import { createLiveClient, type LiveCustomerClient, LiveViewerClient } from './index.js';

/*
 * The viewer's live client over a real server (no RTCPeerConnection in Node, so no media): joining, the chat both
 * ways, a message sent while offline delivered once after the reconnect, moderation reaching the viewer.
 */
const WITHOUT_MEDIA = { SERVICES: 'api,realtime,worker' };
let server: TestServer;
let agent: Awaited<ReturnType<typeof loginAs>>;
let host: TestSocket;
const clients: LiveCustomerClient[] = [];

beforeAll(async () => {
  server = await startTestServer(WITHOUT_MEDIA);
  ({ agent } = await demoLogins(server));
  host = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
});
afterAll(async () => {
  for (const c of clients) c.close();
  host?.close();
  await server?.stop();
});

async function viewerIn(roomId: string) {
  const client = createLiveClient({ baseUrl: server.url, inboxKey: server.demo.inboxKey, storage: memoryStorage() });
  clients.push(client);
  await client.connect();
  const live = new LiveViewerClient({ client, roomId });
  await live.join();
  return { client, live };
}

describe('LiveViewerClient', () => {
  it('joins, sends to the room and receives the host’s messages; deleted ones disappear', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const atHost = liveInbox(host);
    const { live } = await viewerIn(room.id);
    expect(live.view).toMatchObject({ joined: true, muted: false, removed: false });
    expect(live.view.room?.id).toBe(room.id);

    const sent = await live.send('你好，请问有优惠吗？');
    expect(live.view.messages.map((m) => m.id)).toContain(sent.id);
    await atHost.chatWhere((m) => m.id === sent.id);

    const reply = ok(
      await emitCall(host, 'live:chat', { roomId: room.id, clientMsgId: crypto.randomUUID(), body: 'Yes: 10% today' }),
    );
    await until(() => live.view.messages.some((m) => m.id === reply.message.id));

    ok(await emitCall(host, 'live:moderate', { roomId: room.id, action: 'delete', messageId: sent.id }));
    await until(() => !live.view.messages.some((m) => m.id === sent.id));
  });

  it('a message written while offline is kept, then delivered exactly once after the reconnect', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const atHost = liveInbox(host);
    const { client, live } = await viewerIn(room.id);

    client.disconnect();
    const sending = live.send('written in the tunnel');
    await expect(sending).rejects.toMatchObject({ code: 'disconnected' });
    expect(live.view.pending.map((p) => p.body)).toEqual(['written in the tunnel']);

    await client.connect();
    await until(() => live.view.joined && live.view.pending.length === 0, 10_000);
    await atHost.chatWhere((m) => m.body === 'written in the tunnel');
    expect(atHost.chat.filter((m) => m.body === 'written in the tunnel')).toHaveLength(1);
    expect(live.view.messages.filter((m) => m.body === 'written in the tunnel')).toHaveLength(1);
  });

  it('is told when muted, and a private conversation the agent opens is announced', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const { client, live } = await viewerIn(room.id);
    const contactId = client.session?.contactId ?? '';

    ok(await emitCall(host, 'live:moderate', { roomId: room.id, action: 'mute', contactId }));
    await until(() => live.view.muted);
    await expect(live.send('let me talk')).rejects.toBeTruthy();
    expect(live.view.pending).toEqual([]);

    const opened = ok(await emitCall(host, 'live:private', { roomId: room.id, contactId }));
    await until(() => live.view.privateConversationId === opened.conversation.id);
  });

  it('enters before the client is connected: joins once it is; a removed viewer cannot come back', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const client = createLiveClient({ baseUrl: server.url, inboxKey: server.demo.inboxKey, storage: memoryStorage() });
    clients.push(client);
    const live = new LiveViewerClient({ client, roomId: room.id });
    live.enter();
    await client.connect();
    await until(() => live.view.joined);

    const contactId = client.session?.contactId ?? '';
    ok(await emitCall(host, 'live:moderate', { roomId: room.id, action: 'remove', contactId }));
    await until(() => live.view.removed && !live.view.joined);
    await expect(live.join()).rejects.toMatchObject({ code: 'forbidden' });
    expect(live.view.removed).toBe(true);
  });
});
