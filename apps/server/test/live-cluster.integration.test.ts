import { randomBytes } from 'node:crypto';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSeed } from '../src/modules/accounts/seed-demo.js';
import { type RunningServer, startServer } from '../src/server.js';
import { emitCall } from './call-helpers.js';
import { createTestDatabase, loginAs, testConfig } from './harness.js';
import { chat, codeOf, join, liveInbox, liveRoom, ok } from './live-helpers.js';
import { connectSocket, type TestSocket, until } from './sockets.js';

/**
 * Live rooms in cluster mode: two servers on one database and one Redis (`WARMDESK_TEST_REDIS_URL`), each with its
 * own event bus, so everything a viewer on one sees from a host on the other went through the Redis adapter.
 */
const REDIS_URL = process.env.WARMDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let nodes: RunningServer[] = [];
let drop: () => Promise<void>;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  // Without the SFU: this is about the rooms' realtime side.
  const env = {
    REDIS_URL,
    WARMDESK_REDIS_PREFIX: `wdlive-${randomBytes(4).toString('hex')}`,
    SERVICES: 'api,realtime,worker',
  };
  nodes = [await startServer(testConfig(db.url, env)), await startServer(testConfig(db.url, env))];
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const n of nodes) await n.close();
  await drop?.();
});

async function viewerOn(node: RunningServer, demo: DemoSeed) {
  const res = await fetch(`${node.url}/api/v1/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inboxKey: demo.inboxKey }),
  });
  const session = (await res.json()) as { sessionToken: string; contactId: string };
  const socket = await connectSocket(node.url, 'customer', { sessionToken: session.sessionToken });
  sockets.push(socket);
  return { ...session, socket, live: liveInbox(socket) };
}

describe('a live room across two server processes', () => {
  it('delivers the join feed, chat, private answers, pins and removal between processes', async () => {
    const [a, b] = nodes;
    const demo = a?.demo;
    if (!a || !b || !demo) throw new Error('cluster not started');
    const agentLogin = demo.agents[0];
    if (!agentLogin) throw new Error('no demo agent');
    const agent = await loginAs(a, agentLogin.email, agentLogin.password);
    const host = await connectSocket(a.url, 'agent', {}, { cookie: agent.cookie });
    sockets.push(host);
    const feed = liveInbox(host);
    const room = await liveRoom(agent.http, demo.inboxId, {
      cards: [{ title: 'Tea set', linkUrl: 'https://shop.example/tea' }],
    });
    ok(await join(host, room.id));

    const asker = await viewerOn(b, demo);
    const other = await viewerOn(b, demo);
    ok(await join(asker.socket, room.id));
    ok(await join(other.socket, room.id));
    await until(() => feed.viewers.filter((v) => v.kind === 'join').length === 2);

    const q = ok(await chat(asker.socket, room.id, 'Is it in stock?', { question: true }));
    await feed.chatWhere((m) => m.id === q.message.id);
    const priv = ok(
      await emitCall(host, 'live:answer', {
        roomId: room.id,
        messageId: q.message.id,
        clientMsgId: uuidv7(),
        body: 'Yes, 12 left',
        private: true,
      }),
    );
    await asker.live.chatWhere((m) => m.id === priv.message.id);
    await other.live.chatWhere((m) => m.id === q.message.id && m.answered);
    expect(other.live.chat.some((m) => m.id === priv.message.id)).toBe(false);

    const card = room.cards[0];
    if (!card) throw new Error('no card');
    ok(await emitCall(host, 'live:pin', { roomId: room.id, cardId: card.id, pinned: true }));
    await until(() => other.live.rooms.some((r) => r.cards.some((c) => c.id === card.id)));

    ok(await emitCall(host, 'live:moderate', { roomId: room.id, action: 'remove', contactId: other.contactId }));
    await until(() => other.live.you.some((y) => y.removed === true));
    const marker = ok(await chat(host, room.id, 'after the removal'));
    await asker.live.chatWhere((m) => m.id === marker.message.id);
    expect(other.live.chat.some((m) => m.id === marker.message.id)).toBe(false);
    expect(codeOf(await join(other.socket, room.id))).toBe('forbidden');

    asker.socket.close();
    await until(() => feed.viewers.some((v) => v.kind === 'leave' && v.viewer.contactId === asker.contactId));
    await until(() => feed.stats.some((s) => s.roomId === room.id && s.uniqueViewers === 2), 8_000);
  });
});
