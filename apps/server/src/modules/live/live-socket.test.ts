import type { LiveRoom, LiveStats } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitCall, emitRaw } from '../../../test/call-helpers.js';
import {
  customerSession,
  demoLogins,
  type loginAs,
  loginAs as signIn,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { chat, codeOf, join, liveInbox, liveRoom, ok, viewer } from '../../../test/live-helpers.js';
import { connectSocket, type TestSocket, until } from '../../../test/sockets.js';
import { createAccount } from '../accounts/create-account.js';
import { identityHmac } from '../widget/identify.js';

/** The rooms' realtime and REST side; media signalling is tested with the SFU (apps/server/src/media). */
let server: TestServer;
let agent: Awaited<ReturnType<typeof loginAs>>;
let host: TestSocket;
let feed: ReturnType<typeof liveInbox>;
let room: LiveRoom;
const open: TestSocket[] = [];

const watcher = async () => {
  const v = await viewer(server, server.demo.inboxKey);
  open.push(v.socket);
  return v;
};

beforeAll(async () => {
  server = await startTestServer();
  ({ agent } = await demoLogins(server));
  host = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
  open.push(host);
  feed = liveInbox(host);
  room = await liveRoom(agent.http, server.demo.inboxId, {
    cards: [{ title: 'Tea set', price: '¥199', linkUrl: 'https://shop.example/tea' }],
  });
  ok(await join(host, room.id));
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.stop();
});

describe('a live room over the realtime gateway', () => {
  it('shows each viewer joining and leaving in the staff feed, with what is known of them', async () => {
    const returning = await viewer(server, server.demo.inboxKey);
    const conversation = await returning.http<{ id: string; displayId: number }>(
      'POST',
      '/api/v1/widget/conversations',
      {},
    );
    open.push(returning.socket);
    const joined = ok(await join(returning.socket, room.id));
    expect(joined.room).toMatchObject({ id: room.id, state: 'live', title: room.title });
    expect(joined.room).not.toHaveProperty('shareUrl');
    expect(joined.muted).toBe(false);
    const event = await until(() => feed.viewers.some((v) => v.viewer.contactId === returning.contactId)).then(() =>
      feed.viewers.find((v) => v.viewer.contactId === returning.contactId),
    );
    expect(event).toMatchObject({
      roomId: room.id,
      kind: 'join',
      viewer: {
        returning: true,
        verified: false,
        lastConversation: { id: conversation.body.id, displayId: conversation.body.displayId },
        leftAt: null,
        muted: false,
      },
    });
    expect(event?.viewer.name).toMatch(/^访客 [0-9a-f]{4}$/);

    const newcomer = await watcher();
    ok(await join(newcomer.socket, room.id));
    await until(() => feed.viewers.some((v) => v.viewer.contactId === newcomer.contactId));
    expect(feed.viewers.find((v) => v.viewer.contactId === newcomer.contactId)?.viewer).toMatchObject({
      returning: false,
      lastConversation: null,
    });

    // A second tab of the same viewer is not a second join; leaving with both is one leave.
    const secondTab = await connectSocket(server.url, 'customer', { sessionToken: returning.sessionToken });
    ok(await join(secondTab, room.id));
    ok(await emitCall(returning.socket, 'live:leave', { roomId: room.id }));
    secondTab.close();
    await until(() => feed.viewers.some((v) => v.kind === 'leave' && v.viewer.contactId === returning.contactId));
    expect(feed.viewers.filter((v) => v.viewer.contactId === returning.contactId).map((v) => v.kind)).toEqual([
      'join',
      'leave',
    ]);

    // Every few seconds while live, staff get the numbers when they changed.
    await until(() => feed.stats.some((s) => s.roomId === room.id && s.uniqueViewers >= 2), 8_000);

    const staff = ok(await join(host, room.id));
    expect(staff.viewers?.map((v) => v.contactId)).toContain(newcomer.contactId);
    expect(staff.stats).toMatchObject({ roomId: room.id, uniqueViewers: 2, concurrentViewers: 1 });
    expect((staff.room as LiveRoom).shareUrl).toBe(room.shareUrl);
  });

  it('recognises a viewer with a verified identity by name', async () => {
    const { rows } = await server.ctx.db.pool.query<{ secret: string }>('SELECT secret FROM inboxes WHERE id = $1', [
      server.demo.inboxId,
    ]);
    const session = await customerSession(server, server.demo.inboxKey);
    const userId = `live-${uuidv7()}`;
    const identified = await session.http<{ verified: boolean }>('POST', '/api/v1/widget/identify', {
      userId,
      name: '李雷',
      hmac: identityHmac(rows[0]?.secret ?? '', userId),
    });
    expect(identified.body.verified).toBe(true);
    const socket = await connectSocket(server.url, 'customer', { sessionToken: session.sessionToken });
    open.push(socket);
    ok(await join(socket, room.id));
    await until(() => feed.viewers.some((v) => v.viewer.contactId === session.contactId));
    expect(feed.viewers.find((v) => v.viewer.contactId === session.contactId)?.viewer).toMatchObject({
      name: '李雷',
      verified: true,
    });
    const said = ok(await chat(socket, room.id, '你好'));
    expect(said.message.sender.name).toBe('李雷');
  });

  it('carries the room chat to viewers and staff, once per clientMsgId', async () => {
    const a = await watcher();
    const b = await watcher();
    ok(await join(a.socket, room.id));
    ok(await join(b.socket, room.id));
    const clientMsgId = uuidv7();
    const sent = ok(await chat(a.socket, room.id, '多少钱？', { clientMsgId }));
    expect(sent.message).toMatchObject({
      body: '多少钱？',
      sender: { type: 'viewer', id: a.contactId },
      toContactId: null,
    });
    await b.live.chatWhere((m) => m.id === sent.message.id);
    await feed.chatWhere((m) => m.id === sent.message.id);
    const again = ok(await chat(a.socket, room.id, '多少钱？', { clientMsgId }));
    expect(again.message.id).toBe(sent.message.id);
    const fromHost = ok(await chat(host, room.id, 'Welcome everyone'));
    expect(fromHost.message.sender).toMatchObject({ type: 'agent', id: agent.user.id });
    await a.live.chatWhere((m) => m.id === fromHost.message.id);
    expect(b.live.chat.filter((m) => m.id === sent.message.id)).toHaveLength(1);
    // The history, page by page (by seq), for staff.
    const latest = await agent.http<{ messages: { seq: number }[]; hasMore: boolean }>(
      'GET',
      `/api/v1/live/rooms/${room.id}/messages?limit=1`,
    );
    expect(latest.body).toMatchObject({ hasMore: true, messages: [{ seq: fromHost.message.seq }] });
    const older = await agent.http<{ messages: { seq: number }[] }>(
      'GET',
      `/api/v1/live/rooms/${room.id}/messages?before=${fromHost.message.seq}&limit=1`,
    );
    expect(older.body.messages).toEqual([expect.objectContaining({ seq: sent.message.seq })]);
  });

  it('enforces slow mode and mute for viewers with clear errors', async () => {
    const slowRoom = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, slowRoom.id));
    await agent.http('PATCH', `/api/v1/live/rooms/${slowRoom.id}`, { slowModeSeconds: 60 });
    const v = await watcher();
    const joined = ok(await join(v.socket, slowRoom.id));
    expect(joined.room.slowModeSeconds).toBe(60);
    ok(await chat(v.socket, slowRoom.id, 'first'));
    const tooSoon = await chat(v.socket, slowRoom.id, 'second');
    expect(codeOf(tooSoon)).toBe('rate_limited');
    if (!tooSoon.ok) {
      expect(tooSoon.error.message).toMatch(/slow mode/);
      expect(tooSoon.error.details).toMatchObject({ reason: 'slow_mode' });
    }
    // Staff are not slowed down.
    ok(await chat(host, slowRoom.id, 'one'));
    ok(await chat(host, slowRoom.id, 'two'));

    await agent.http('PATCH', `/api/v1/live/rooms/${slowRoom.id}`, { slowModeSeconds: 0 });
    ok(await emitCall(host, 'live:moderate', { roomId: slowRoom.id, action: 'mute', contactId: v.contactId }));
    await until(() => v.live.you.some((y) => y.muted === true));
    const muted = await chat(v.socket, slowRoom.id, 'can I?');
    expect(codeOf(muted)).toBe('forbidden');
    if (!muted.ok) expect(muted.error.details).toMatchObject({ reason: 'muted' });
    ok(await emitCall(host, 'live:moderate', { roomId: slowRoom.id, action: 'unmute', contactId: v.contactId }));
    await until(() => v.live.you.some((y) => y.muted === false));
    ok(await chat(v.socket, slowRoom.id, 'thanks'));
  });

  it('answers a question publicly with a quote, and privately to its asker only', async () => {
    const asker = await watcher();
    const other = await watcher();
    ok(await join(asker.socket, room.id));
    ok(await join(other.socket, room.id));
    const q = ok(await chat(asker.socket, room.id, 'Does it ship to Hangzhou?'));
    const marked = ok(await emitCall(asker.socket, 'live:question', { roomId: room.id, messageId: q.message.id }));
    expect(marked.message.question).toBe(true);
    await feed.chatWhere((m) => m.id === q.message.id && m.question);
    // Only the author marks their message.
    const notMine = await emitCall(other.socket, 'live:question', { roomId: room.id, messageId: q.message.id });
    expect(codeOf(notMine)).toBe('not_found');

    const pub = ok(
      await emitCall(host, 'live:answer', {
        roomId: room.id,
        messageId: q.message.id,
        clientMsgId: uuidv7(),
        body: 'Yes, free shipping',
        private: false,
      }),
    );
    expect(pub.message).toMatchObject({
      toContactId: null,
      quote: { id: q.message.id, body: 'Does it ship to Hangzhou?' },
    });
    await other.live.chatWhere((m) => m.id === pub.message.id);
    await other.live.chatWhere((m) => m.id === q.message.id && m.answered);

    const q2 = ok(await chat(asker.socket, room.id, 'My order number is 1234, where is it?', { question: true }));
    expect(q2.message.question).toBe(true);
    const priv = ok(
      await emitCall(host, 'live:answer', {
        roomId: room.id,
        messageId: q2.message.id,
        clientMsgId: uuidv7(),
        body: 'It left the warehouse today',
        private: true,
      }),
    );
    expect(priv.message.toContactId).toBe(asker.contactId);
    await asker.live.chatWhere((m) => m.id === priv.message.id);
    await feed.chatWhere((m) => m.id === priv.message.id);
    // A public message after it: once the other viewer has it, they would have had the private one too.
    const marker = ok(await chat(host, room.id, 'next question please'));
    await other.live.chatWhere((m) => m.id === marker.message.id);
    expect(other.live.chat.some((m) => m.id === priv.message.id)).toBe(false);
    // Joining again, the private answer is in the asker's history only.
    expect(ok(await join(other.socket, room.id)).messages.some((m) => m.id === priv.message.id)).toBe(false);
    expect(ok(await join(asker.socket, room.id)).messages.some((m) => m.id === priv.message.id)).toBe(true);
  });

  it('greets a viewer by name and counts the time from join to greeting', async () => {
    const v = await watcher();
    ok(await join(v.socket, room.id));
    const greeted = ok(
      await emitCall(host, 'live:greet', {
        roomId: room.id,
        contactId: v.contactId,
        clientMsgId: uuidv7(),
        private: false,
      }),
    );
    expect(greeted.message.body).toMatch(/^欢迎 访客 [0-9a-f]{4}$/);
    await v.live.chatWhere((m) => m.id === greeted.message.id);
    const stats = await agent.http<LiveStats>('GET', `/api/v1/live/rooms/${room.id}/stats`);
    expect(stats.body.joinToGreetingMedianMs).not.toBeNull();
    const viewers = await agent.http<{ items: { contactId: string; greetedAt: string | null }[] }>(
      'GET',
      `/api/v1/live/rooms/${room.id}/viewers`,
    );
    expect(viewers.body.items.find((x) => x.contactId === v.contactId)?.greetedAt).not.toBeNull();
  });

  it('deletes a message for everyone and removes a viewer who then cannot rejoin', async () => {
    const v = await watcher();
    const other = await watcher();
    ok(await join(v.socket, room.id));
    ok(await join(other.socket, room.id));
    const spam = ok(await chat(v.socket, room.id, 'buy followers at spam.example'));
    await other.live.chatWhere((m) => m.id === spam.message.id);
    ok(await emitCall(host, 'live:moderate', { roomId: room.id, action: 'delete', messageId: spam.message.id }));
    const gone = await other.live.chatWhere((m) => m.id === spam.message.id && m.deleted);
    expect(gone.body).toBe('');

    ok(await emitCall(host, 'live:moderate', { roomId: room.id, action: 'remove', contactId: v.contactId }));
    await until(() => v.live.you.some((y) => y.removed === true));
    await until(() => feed.viewers.some((e) => e.kind === 'leave' && e.viewer.contactId === v.contactId));
    const rejoin = await join(v.socket, room.id);
    expect(codeOf(rejoin)).toBe('forbidden');
    expect(codeOf(await chat(v.socket, room.id, 'let me back'))).toBe('forbidden');
    // Out of the room: room messages no longer reach them.
    const marker = ok(await chat(host, room.id, 'after removal'));
    await other.live.chatWhere((m) => m.id === marker.message.id);
    expect(v.live.chat.some((m) => m.id === marker.message.id)).toBe(false);
  });

  it('pins a product card for every viewer and counts clicks per viewer', async () => {
    const v = await watcher();
    ok(await join(v.socket, room.id));
    const card = room.cards[0];
    if (!card) throw new Error('no card');
    const pinned = ok(await emitCall(host, 'live:pin', { roomId: room.id, cardId: card.id, pinned: true }));
    expect(pinned.room.cards.find((c) => c.id === card.id)?.pinned).toBe(true);
    await until(() => v.live.rooms.some((r) => r.cards.some((c) => c.id === card.id)));
    ok(await emitCall(v.socket, 'live:click', { roomId: room.id, cardId: card.id }));
    ok(await emitCall(v.socket, 'live:click', { roomId: room.id, cardId: card.id }));
    const after = await agent.http<LiveRoom>('GET', `/api/v1/live/rooms/${room.id}`);
    expect(after.body.cards.find((c) => c.id === card.id)?.clicks).toBe(1);
    const clicks = await server.ctx.db.pool.query('SELECT clicks FROM live_card_clicks WHERE card_id = $1', [card.id]);
    expect(clicks.rows[0]?.clicks).toBe(2);
    expect(codeOf(await emitCall(host, 'live:click', { roomId: room.id, cardId: card.id }))).toBe('forbidden');
  });

  it('answers bad payloads, wrong sides and other tenants with clear errors', async () => {
    const v = await watcher();
    ok(await join(v.socket, room.id));
    const empty = await emitRaw(v.socket, 'live:chat', { roomId: room.id, clientMsgId: uuidv7(), body: '   ' });
    expect(codeOf(empty)).toBe('validation_failed');
    expect(
      codeOf(await emitRaw(host, 'live:moderate', { roomId: room.id, action: 'ban', contactId: v.contactId })),
    ).toBe('validation_failed');
    expect(codeOf(await emitRaw(v.socket, 'live:join', { roomId: 'nope' }))).toBe('validation_failed');
    expect(
      codeOf(await emitCall(v.socket, 'live:moderate', { roomId: room.id, action: 'mute', contactId: v.contactId })),
    ).toBe('forbidden');
    expect(codeOf(await join(v.socket, uuidv7()))).toBe('not_found');

    // A customer of another inbox of the same account, and an agent of another account: not found.
    const created = await (await signIn(server, server.demo.admin.email, server.demo.admin.password)).http<{
      publicKey: string;
    }>('POST', '/api/v1/inboxes', { name: 'Second site', type: 'web_widget' });
    const stranger = await viewer(server, created.body.publicKey);
    open.push(stranger.socket);
    expect(codeOf(await join(stranger.socket, room.id))).toBe('not_found');
    await createAccount(server.ctx.db.pool, {
      name: 'Other live shop',
      adminEmail: 'live-other@other.example',
      adminName: 'Other',
      password: 'other-password-1',
    });
    const outsider = await signIn(server, 'live-other@other.example', 'other-password-1');
    const outsiderSocket = await connectSocket(server.url, 'agent', {}, { cookie: outsider.cookie });
    open.push(outsiderSocket);
    expect(codeOf(await join(outsiderSocket, room.id))).toBe('not_found');
    expect(codeOf(await chat(outsiderSocket, room.id, 'hi'))).toBe('not_found');
  });

  it('says live video is unavailable when the media service is not running', async () => {
    expect(server.ctx.media).toBeUndefined();
    const res = await emitCall(host, 'live:publish', { roomId: room.id, sdp: 'v=0 fake offer sdp' });
    expect(codeOf(res)).toBe('unavailable');
    if (!res.ok) expect(res.error.message).toMatch(/media service/);
  });

  it('ends the room for everyone in it and keeps the chat read-only', async () => {
    const v = await watcher();
    ok(await join(v.socket, room.id));
    await agent.http('POST', `/api/v1/live/rooms/${room.id}/end`);
    await until(() => v.live.rooms.some((r) => r.state === 'ended'));
    expect(codeOf(await chat(v.socket, room.id, 'still there?'))).toBe('conflict');
    const stats = await agent.http<LiveStats>('GET', `/api/v1/live/rooms/${room.id}/stats`);
    expect(stats.body).toMatchObject({ concurrentViewers: 0, cardClicks: 1, questions: 2, questionsAnswered: 2 });
    expect(stats.body.uniqueViewers).toBeGreaterThanOrEqual(8);
    expect(stats.body.peakViewers).toBeGreaterThanOrEqual(2);
    expect(stats.body.averageWatchSeconds).toBeGreaterThan(0);
    expect(stats.body.viewersOverTime.length).toBeGreaterThanOrEqual(2);
    // The ended room still opens, with its chat.
    const again = ok(await join(v.socket, room.id));
    expect(again.room.state).toBe('ended');
    expect(again.messages.length).toBeGreaterThan(0);
  });
});
