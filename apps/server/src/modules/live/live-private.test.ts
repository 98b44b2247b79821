import type { Message } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitCall } from '../../../test/call-helpers.js';
import { demoLogins, type loginAs, manualRouting, startTestServer, type TestServer } from '../../../test/harness.js';
import { chat, codeOf, join, liveRoom, ok, viewer } from '../../../test/live-helpers.js';
import { collect, connectSocket, send, type TestSocket, until } from '../../../test/sockets.js';

/** The rooms' realtime and REST side; media signalling is tested with the SFU (apps/server/src/media). */
let server: TestServer;
let agent: Awaited<ReturnType<typeof loginAs>>;
let host: TestSocket;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await manualRouting(server);
  ({ agent } = await demoLogins(server));
  host = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
  open.push(host);
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.stop();
});

describe('a private chat from a live room', () => {
  it('opens a conversation with the room as context; the viewer and the agent talk in it while still in the room', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const v = await viewer(server, server.demo.inboxKey);
    open.push(v.socket);
    const atViewer = collect(v.socket);
    const atAgent = collect(host);
    ok(await join(v.socket, room.id));
    const asked = ok(await chat(v.socket, room.id, 'I have a problem with my order 8812'));

    const opened = ok(
      await emitCall(host, 'live:private', { roomId: room.id, contactId: v.contactId, messageId: asked.message.id }),
    );
    expect(opened.conversation).toMatchObject({
      contactId: v.contactId,
      inboxId: server.demo.inboxId,
      status: 'open',
      assignee: { type: 'user', id: agent.user.id },
    });
    const conversationId = opened.conversation.id;
    await until(() => v.live.you.some((y) => y.privateConversationId === conversationId));

    // The live context is the conversation's first line, for agents.
    const timeline = await agent.http<{ messages: Message[] }>(
      'GET',
      `/api/v1/conversations/${conversationId}/messages`,
    );
    const context = timeline.body.messages.find((m) => m.kind === 'event');
    expect(context).toMatchObject({ private: true });
    expect(context?.content).toContain(room.title);
    expect(context?.content).toContain('order 8812');
    expect(context?.attachments[0]).toMatchObject({ type: 'activity', action: 'live', roomId: room.id });

    const fromViewer = await send(v.socket, conversationId, '订单号 8812');
    expect(fromViewer.ok).toBe(true);
    await until(() => atAgent.some((m) => m.content === '订单号 8812'));
    const fromAgent = await send(host, conversationId, 'Let me check that for you');
    expect(fromAgent.ok).toBe(true);
    await until(() => atViewer.some((m) => m.content === 'Let me check that for you'));
    expect(atViewer.some((m) => m.private)).toBe(false);

    // Still in the room: room chat keeps arriving.
    const marker = ok(await chat(host, room.id, 'Next: the blue teapot'));
    await v.live.chatWhere((m) => m.id === marker.message.id);

    // Opening it again reuses the same conversation; the stats count it once.
    const again = ok(await emitCall(host, 'live:private', { roomId: room.id, contactId: v.contactId }));
    expect(again.conversation.id).toBe(conversationId);
    const stats = await agent.http<{ privateConversations: number }>('GET', `/api/v1/live/rooms/${room.id}/stats`);
    expect(stats.body.privateConversations).toBe(1);
    const events = await server.ctx.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'live.private_started' AND payload->>'conversationId' = $1",
      [conversationId],
    );
    expect(events.rows[0]?.n).toBe(2);
  });

  it('routes it to the room team when asked, and refuses viewers and unknown contacts', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const v = await viewer(server, server.demo.inboxKey);
    open.push(v.socket);
    ok(await join(v.socket, room.id));
    const { admin } = await demoLogins(server);
    const team = await admin.http<{ id: string }>('POST', '/api/v1/teams', { name: 'Live sales' });
    expect(team.status).toBe(201);
    await agent.http('PATCH', `/api/v1/live/rooms/${room.id}`, { teamId: team.body.id });
    const routed = ok(await emitCall(host, 'live:private', { roomId: room.id, contactId: v.contactId, route: true }));
    // Manual routing here: it waits in the queue for the room's team.
    expect(routed.conversation).toMatchObject({ assignee: null, teamId: team.body.id, status: 'open' });
    await until(() => v.live.you.some((y) => y.privateConversationId === routed.conversation.id));
    expect(codeOf(await emitCall(v.socket, 'live:private', { roomId: room.id, contactId: v.contactId }))).toBe(
      'forbidden',
    );
    const stranger = await viewer(server, server.demo.inboxKey);
    open.push(stranger.socket);
    expect(codeOf(await emitCall(host, 'live:private', { roomId: room.id, contactId: stranger.contactId }))).toBe(
      'not_found',
    );
  });
});
