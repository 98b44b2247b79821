import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInbox, callingCustomer, callOf, callTimeline, emitCall, startCall } from '../../../test/call-helpers.js';
import { type Http, loginAs, manualRouting, startTestServer, type TestServer } from '../../../test/harness.js';
import { connectSocket, type TestSocket, until, watchAll } from '../../../test/sockets.js';
import { sweepStaleCalls } from './sweep.js';

// Short timers so the tests see them run out: ringing 1.5 s, rejoining 2.5 s.
const RING_MS = 1500;
const REJOIN_MS = 2500;

let server: TestServer;
let admin: Http;
let agentCookie: string;
let agentSocket: TestSocket;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    WARMDESK_CALL_RING_TIMEOUT_MS: String(RING_MS),
    WARMDESK_CALL_REJOIN_WINDOW_MS: String(REJOIN_MS),
  });
  await manualRouting(server);
  const a = server.demo.agents[0];
  if (!a) throw new Error('no demo agent');
  agentCookie = (await loginAs(server, a.email, a.password)).cookie;
  admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
  agentSocket = await watchAll(await connectSocket(server.url, 'agent', {}, { cookie: agentCookie }));
  open.push(agentSocket);
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

/** An agent's call the customer answered. */
async function activeCall() {
  const c = await customer();
  const atAgent = callInbox(agentSocket);
  const call = callOf(await startCall(agentSocket, c.conversationId, 'video'));
  callOf(await emitCall(c.socket, 'call:accept', { callId: call.id }));
  await atAgent.until(call.id, 'active');
  return { c, call, atAgent };
}

describe('call timers', () => {
  it('ends a call nobody answers as missed', async () => {
    const c = await customer();
    const call = callOf(await startCall(agentSocket, c.conversationId, 'voice'));
    await c.calls.until(call.id, 'ringing');
    const missed = await c.calls.until(call.id, 'ended', RING_MS + 3000);
    expect(missed.endReason).toBe('missed');
    const lines = await callTimeline(admin, c.conversationId);
    expect(lines.map((l) => [l.event, l.endReason ?? null])).toEqual([
      ['started', null],
      ['missed', 'missed'],
    ]);
    const late = await emitCall(c.socket, 'call:accept', { callId: call.id });
    expect(late.ok ? 'ok' : late.error.code).toBe('conflict');
  });

  it('keeps the call when the customer reloads and rejoins in time; the agent hears away, then rejoined', async () => {
    const { c, call, atAgent } = await activeCall();
    c.socket.close();
    await until(() => atAgent.peers.some((p) => p.kind === 'away'));
    expect(atAgent.peers).toEqual([{ callId: call.id, from: 'customer', kind: 'away' }]);

    const reloaded = await connectSocket(server.url, 'customer', { sessionToken: c.sessionToken });
    open.push(reloaded);
    const atReloaded = callInbox(reloaded);
    const back = callOf(await emitCall(reloaded, 'call:rejoin', { conversationId: c.conversationId }));
    expect(back).toMatchObject({ id: call.id, state: 'active' });
    await until(() => atAgent.peers.length === 2);
    expect(atAgent.peers[1]).toEqual({ callId: call.id, from: 'customer', kind: 'rejoined' });

    // The new socket is the customer's side now: signalling flows to and from it.
    await emitCall(agentSocket, 'call:signal', { callId: call.id, description: { type: 'offer', sdp: 'restart' } });
    await until(() => atReloaded.signals.length === 1);
    const answer = await emitCall(reloaded, 'call:signal', { callId: call.id, description: { type: 'answer' } });
    expect(answer?.ok).toBe(true);

    // Past the window, the call is still on: the away timer found the socket replaced.
    await new Promise((r) => setTimeout(r, REJOIN_MS + 500));
    expect(await sweepStaleCalls(server.ctx)).toBe(0);
    const list = await admin<{ items: { id: string; state: string }[] }>(
      'GET',
      `/api/v1/conversations/${c.conversationId}/calls`,
    );
    expect(list.body.items[0]).toMatchObject({ id: call.id, state: 'active' });
    callOf(await emitCall(reloaded, 'call:hangup', { callId: call.id }));
  });

  it('lets an agent who reloads rejoin too: the customer hears away, then rejoined', async () => {
    const c = await customer();
    const tab = await connectSocket(server.url, 'agent', {}, { cookie: agentCookie });
    const call = callOf(await startCall(tab, c.conversationId, 'voice'));
    callOf(await emitCall(c.socket, 'call:accept', { callId: call.id }));
    tab.close();
    await until(() => c.calls.peers.length === 1);
    const reloaded = await connectSocket(server.url, 'agent', {}, { cookie: agentCookie });
    open.push(reloaded);
    expect(callOf(await emitCall(reloaded, 'call:rejoin', { conversationId: c.conversationId })).id).toBe(call.id);
    await until(() => c.calls.peers.length === 2);
    expect(c.calls.peers).toEqual([
      { callId: call.id, from: 'agent', kind: 'away' },
      { callId: call.id, from: 'agent', kind: 'rejoined' },
    ]);
    // The agent's old tab is out of the call; the new one signals.
    const offer = await emitCall(reloaded, 'call:signal', { callId: call.id, description: { type: 'offer' } });
    expect(offer?.ok).toBe(true);
    callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
  });

  it('drops the call when a side does not come back within the window, and tells the other side', async () => {
    const { c, call, atAgent } = await activeCall();
    c.socket.close();
    const dropped = await atAgent.until(call.id, 'ended', REJOIN_MS + 3000);
    expect(dropped.endReason).toBe('dropped');
    expect(dropped.durationSeconds).not.toBeNull();
    const reloaded = await connectSocket(server.url, 'customer', { sessionToken: c.sessionToken });
    open.push(reloaded);
    const res = await emitCall(reloaded, 'call:rejoin', { conversationId: c.conversationId });
    expect(res.ok && res.call).toBe(null);
    const lines = await callTimeline(admin, c.conversationId);
    expect(lines.at(-1)).toMatchObject({ event: 'ended', endReason: 'dropped' });
  });

  it('cancels a queued call whose caller is gone for good (queued calls never ring out)', async () => {
    const c = await customer();
    const atAgent = callInbox(agentSocket);
    const call = callOf(await startCall(c.socket, c.conversationId, 'voice'));
    expect(call.state).toBe('queued');
    await atAgent.until(call.id, 'queued');
    c.socket.close();
    const gone = await atAgent.until(call.id, 'ended', REJOIN_MS + 3000);
    expect(gone.endReason).toBe('cancelled');
    const lines = await callTimeline(admin, c.conversationId);
    expect(lines.map((l) => l.event)).toEqual(['started', 'cancelled']);
  });
});
