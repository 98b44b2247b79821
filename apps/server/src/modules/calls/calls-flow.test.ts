import type { Call } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callInbox,
  callingCustomer,
  callOf,
  callTimeline,
  emitCall,
  emitRaw,
  startCall,
} from '../../../test/call-helpers.js';
import { type Http, loginAs, manualRouting, startTestServer, type TestServer } from '../../../test/harness.js';
import { connectSocket, type TestSocket, until, watchAll } from '../../../test/sockets.js';
import { createAccount } from '../accounts/create-account.js';
import { createApiToken } from '../api-tokens/create-api-token.js';

let server: TestServer;
let admin: Http;
let agent: Awaited<ReturnType<typeof loginAs>>;
let agentSocket: TestSocket;
let watcher: TestSocket;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await manualRouting(server);
  const a = server.demo.agents[0];
  if (!a) throw new Error('no demo agent');
  agent = await loginAs(server, a.email, a.password);
  const adminLogin = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
  admin = adminLogin.http;
  agentSocket = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
  // A third agent socket following every conversation: it sees calls change, never their signalling.
  watcher = await watchAll(await connectSocket(server.url, 'agent', {}, { cookie: adminLogin.cookie }));
  open.push(agentSocket, watcher);
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.stop();
});

const customer = async () => {
  const c = await callingCustomer(server, server.demo.inboxKey);
  open.push(c.socket);
  return c;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a call between an agent and a customer', () => {
  it('rings the customer, connects on accept, relays signalling only between the two sockets, and ends with its duration', async () => {
    const c = await customer();
    const secondTab = await c.anotherTab();
    open.push(secondTab);
    const atAgent = callInbox(agentSocket);
    const atWatcher = callInbox(watcher);
    const atSecondTab = callInbox(secondTab);

    const call = callOf(await startCall(agentSocket, c.conversationId, 'video'));
    expect(call).toMatchObject({ state: 'ringing', initiator: 'agent', media: 'video', agent: { id: agent.user.id } });
    await c.calls.until(call.id, 'ringing');
    await atSecondTab.until(call.id, 'ringing');
    await atWatcher.until(call.id, 'ringing');

    // The caller cannot answer their own call; the customer's first tab does.
    const own = await emitCall(agentSocket, 'call:accept', { callId: call.id });
    expect(own.ok ? 'ok' : own.error.code).toBe('conflict');
    const accepted = callOf(await emitCall(c.socket, 'call:accept', { callId: call.id }));
    expect(accepted.state).toBe('active');
    expect(accepted.answeredAt).not.toBeNull();
    await atAgent.until(call.id, 'active');
    await atSecondTab.until(call.id, 'active');
    const late = await emitCall(secondTab, 'call:accept', { callId: call.id });
    expect(late.ok ? 'ok' : late.error.code).toBe('conflict');

    const offer = await emitCall(agentSocket, 'call:signal', {
      callId: call.id,
      description: { type: 'offer', sdp: 'v=0 offer' },
    });
    expect(offer?.ok).toBe(true);
    await until(() => c.calls.signals.length === 1);
    expect(c.calls.signals[0]).toEqual({
      callId: call.id,
      from: 'agent',
      description: { type: 'offer', sdp: 'v=0 offer' },
    });
    await emitCall(c.socket, 'call:signal', { callId: call.id, description: { type: 'answer', sdp: 'v=0 answer' } });
    await emitCall(c.socket, 'call:signal', {
      callId: call.id,
      candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    });
    await until(() => atAgent.signals.length === 2);
    expect(atAgent.signals.map((s) => [s.from, s.description?.type ?? 'candidate'])).toEqual([
      ['customer', 'answer'],
      ['customer', 'candidate'],
    ]);
    // The other tab is not in the call: it may not signal, and hears none of it.
    const intruding = await emitCall(secondTab, 'call:signal', { callId: call.id, description: { type: 'offer' } });
    expect(intruding?.ok ? 'ok' : intruding?.error.code).toBe('forbidden');

    // Media state goes to the other side and sets the call's media; notices and the pointer reach the customer.
    await emitCall(agentSocket, 'call:media', { callId: call.id, audio: true, video: false, screen: false });
    await until(() => c.calls.media.length === 1);
    expect(c.calls.media[0]).toEqual({ callId: call.id, from: 'agent', audio: true, video: false, screen: false });
    await until(() => atWatcher.last(call.id)?.media === 'voice');
    await emitCall(c.socket, 'call:media', { callId: call.id, audio: true, video: false, screen: true });
    await until(() => atAgent.last(call.id)?.media === 'video');
    const notice = await emitCall(agentSocket, 'call:notice', { callId: call.id, kind: 'snapshot' });
    expect(notice?.ok).toBe(true);
    const fromCustomer = await emitCall(c.socket, 'call:notice', { callId: call.id, kind: 'snapshot' });
    expect(fromCustomer?.ok ? 'ok' : fromCustomer?.error.code).toBe('forbidden');
    agentSocket.emit('call:pointer', { callId: call.id, kind: 'point', x: 0.25, y: 0.75 });
    await until(() => c.calls.notices.length === 1 && c.calls.pointers.length === 1);
    expect(c.calls.notices[0]).toEqual({ callId: call.id, kind: 'snapshot' });
    expect(c.calls.pointers[0]).toEqual({ callId: call.id, kind: 'point', x: 0.25, y: 0.75 });
    const quality = { bitrateKbps: 850, packetLossPct: 0.5, rttMs: 12 };
    await emitCall(c.socket, 'call:quality', { callId: call.id, quality });
    await emitCall(agentSocket, 'call:quality', { callId: call.id, quality: { ...quality, framesDecoded: 300 } });

    await pause(1100);
    const ended = callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed' });
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(ended.quality).toEqual({ customer: quality, agent: { ...quality, framesDecoded: 300 } });
    await atAgent.until(call.id, 'ended');
    // Hanging up again returns the call as it is.
    expect(callOf(await emitCall(agentSocket, 'call:hangup', { callId: call.id })).endReason).toBe('completed');

    // Signalling never went to the watcher or the other tab.
    expect(atWatcher.signals).toEqual([]);
    expect(atSecondTab.signals).toEqual([]);
    expect(atWatcher.media).toEqual([]);

    const lines = await callTimeline(admin, c.conversationId);
    expect(lines.map((l) => l.event)).toEqual(['started', 'accepted', 'ended']);
    expect(lines.every((l) => l.kind === 'event' && l.private === false)).toBe(true);
    expect(lines[2]).toMatchObject({ endReason: 'completed', media: 'video', initiator: 'agent' });
    expect(lines[2]?.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(lines[2]?.quality).toEqual({ customer: quality, agent: { ...quality, framesDecoded: 300 } });
    // The customer's timeline has the same lines.
    await until(() => c.calls.messages.filter((m) => m.kind === 'event').length === 3);

    const list = await agent.http<{ items: Call[] }>('GET', `/api/v1/conversations/${c.conversationId}/calls`);
    expect(list.body.items.map((i) => [i.id, i.state])).toEqual([[call.id, 'ended']]);
    const events = await server.ctx.db.pool.query<{ type: string }>(
      `SELECT type FROM events WHERE type LIKE 'call.%' AND payload->>'callId' = $1 ORDER BY id`,
      [call.id],
    );
    expect(events.rows.map((e) => e.type)).toEqual(['call.started', 'call.accepted', 'call.ended']);
  });

  it('records a call the customer declines', async () => {
    const c = await customer();
    const call = callOf(await startCall(agentSocket, c.conversationId, 'voice'));
    await c.calls.until(call.id, 'ringing');
    const again = callOf(await emitCall(agentSocket, 'call:start', { ...call, callId: call.id, media: 'voice' }));
    expect(again.id).toBe(call.id);
    const busy = await startCall(agentSocket, c.conversationId, 'voice');
    expect(busy.ok ? 'ok' : busy.error.code).toBe('conflict');
    const declined = callOf(await emitCall(c.socket, 'call:decline', { callId: call.id }));
    expect(declined).toMatchObject({ state: 'ended', endReason: 'declined', durationSeconds: null });
    const lines = await callTimeline(admin, c.conversationId);
    expect(lines.map((l) => [l.event, l.endReason ?? null])).toEqual([
      ['started', null],
      ['declined', 'declined'],
    ]);
  });

  it('rings the assigned agent when the customer calls; of two tabs accepting at once, one answers', async () => {
    const c = await customer();
    const assign = await agent.http('PATCH', `/api/v1/conversations/${c.conversationId}`, {
      assigneeId: agent.user.id,
    });
    expect(assign.status).toBe(200);
    const secondTab = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
    open.push(secondTab);
    const atSecondTab = callInbox(secondTab);
    const call = callOf(await startCall(c.socket, c.conversationId, 'voice'));
    expect(call).toMatchObject({ state: 'ringing', initiator: 'customer', agent: { id: agent.user.id } });
    await atSecondTab.until(call.id, 'ringing');
    const both = await Promise.all([
      emitCall(agentSocket, 'call:accept', { callId: call.id }),
      emitCall(secondTab, 'call:accept', { callId: call.id }),
    ]);
    expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
    const ended = callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
    expect(ended.endReason).toBe('completed');
  });

  it('keeps other accounts and other customers out of a call: not found, no signalling', async () => {
    const c = await customer();
    const call = callOf(await startCall(agentSocket, c.conversationId, 'video'));
    callOf(await emitCall(c.socket, 'call:accept', { callId: call.id }));
    const other = await createAccount(server.ctx.db.pool, {
      name: 'Other shop',
      adminEmail: 'calls-boss@other.example',
      adminName: 'Other boss',
      password: 'other-password-1',
    });
    const token = await createApiToken(server.ctx.db.pool, {
      accountId: other.accountId,
      userId: other.adminId,
      name: 't',
      scopes: ['read', 'write'],
    });
    const foreign = await connectSocket(server.url, 'agent', { token: token.token });
    const stranger = await callingCustomer(server, server.demo.inboxKey);
    open.push(foreign, stranger.socket);
    const code = (r: { ok: boolean; error?: { code: string } } | undefined) => (r?.ok ? 'ok' : r?.error?.code);
    for (const s of [foreign, stranger.socket]) {
      expect(code(await emitCall(s, 'call:accept', { callId: call.id }))).toBe('not_found');
      expect(code(await emitCall(s, 'call:hangup', { callId: call.id }))).toBe('not_found');
      expect(code(await emitCall(s, 'call:signal', { callId: call.id, description: { type: 'offer' } }))).toBe(
        'not_found',
      );
      expect(code(await startCall(s, c.conversationId, 'voice'))).toBe('not_found');
      expect(code(await emitCall(s, 'call:rejoin', { conversationId: c.conversationId }))).toBe('not_found');
    }
    expect(code(await emitCall(foreign, 'call:notice', { callId: call.id, kind: 'snapshot' }))).toBe('not_found');
    const list = await http404(token.token, c.conversationId);
    expect(list).toBe(404);
    expect(stranger.calls.updates).toEqual([]);
    expect(callOf(await emitCall(agentSocket, 'call:hangup', { callId: call.id })).state).toBe('ended');
  });

  it('answers malformed call events with validation errors naming the field', async () => {
    const c = await customer();
    const bad = async (event: string, payload: unknown) => {
      const res = await emitRaw(c.socket, event, payload);
      if (res.ok) throw new Error(`${event} was accepted`);
      expect(res.error.code).toBe('validation_failed');
      return res.error.message;
    };
    expect(await bad('call:start', { conversationId: c.conversationId, media: 'voice' })).toMatch(/^callId: /);
    expect(await bad('call:start', { callId: uuidv7(), conversationId: c.conversationId, media: 'hologram' })).toMatch(
      /^media: /,
    );
    expect(await bad('call:accept', { callId: 'not-a-uuid' })).toMatch(/^callId: /);
    expect(
      await bad('call:signal', { callId: uuidv7(), description: { type: 'offer' }, candidate: { candidate: 'x' } }),
    ).toMatch(/send a description or a candidate/);
    expect(await bad('call:media', { callId: uuidv7(), audio: true })).toMatch(/^video: /);
    expect(
      await bad('call:quality', { callId: uuidv7(), quality: { bitrateKbps: -1, packetLossPct: 0, rttMs: null } }),
    ).toMatch(/^quality\.bitrateKbps: /);
    expect(await bad('call:rejoin', {})).toMatch(/^conversationId: /);
  });
});

async function http404(token: string, conversationId: string): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/calls`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status;
}
