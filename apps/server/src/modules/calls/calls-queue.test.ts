import { randomBytes } from 'node:crypto';
import type { Conversation } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInbox, callingCustomer, callOf, callTimeline, emitCall, startCall } from '../../../test/call-helpers.js';
import { type Http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';
import { type OnlineAgent, onlineAgent, routingScenario } from '../../../test/routing-helpers.js';
import { type TestSocket, watchAll } from '../../../test/sockets.js';
import { botCustomer, botInbox, withoutEmbeddingModel } from '../bots/testing.js';

withoutEmbeddingModel();

let server: TestServer;
let admin: Http;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
});
afterAll(async () => {
  for (const s of open) s.close();
  await server.stop();
});

const online = async (a: { email: string; password: string }): Promise<OnlineAgent> => {
  const agent = await onlineAgent(server, a.email, a.password);
  open.push(agent.socket);
  return agent;
};
const customer = async (inboxKey: string) => {
  const c = await callingCustomer(server, inboxKey);
  open.push(c.socket);
  return c;
};
const conversation = async (id: string) => (await admin<Conversation>('GET', `/api/v1/conversations/${id}`)).body;
const requiredSkill = async (id: string) =>
  (
    await server.ctx.db.pool.query<{ s: string | null }>(
      'SELECT required_skill AS s FROM conversations WHERE id = $1',
      [id],
    )
  ).rows[0]?.s;
const nth = <T>(list: T[], i: number): T => {
  const item = list[i];
  if (!item) throw new Error(`no item ${i}`);
  return item;
};

describe('a customer calling with no agent', () => {
  it('rings another agent when a customer calls back into a resolved conversation whose agent went offline', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 3 });
    const first = await online(nth(s.agents, 0));
    const c = await customer(s.inboxKey);
    const url = `/api/v1/conversations/${c.conversationId}`;
    expect((await admin('PATCH', url, { assigneeId: first.user.id })).status).toBe(200);
    expect((await first.http('PATCH', url, { status: 'resolved' })).status).toBe(200);
    expect((await first.http('PATCH', `/api/v1/users/${first.user.id}`, { status: 'offline' })).status).toBe(200);
    const second = await online(nth(s.agents, 1));
    const atSecond = callInbox(second.socket);

    // Days later the customer calls: the call waits for someone available instead of ringing nobody for 45 s.
    const call = callOf(await startCall(c.socket, c.conversationId, 'voice'));
    expect(call).toMatchObject({ state: 'queued', agent: null });
    const ringing = await atSecond.until(call.id, 'ringing');
    expect(ringing.agent?.id).toBe(second.user.id);
    expect((await conversation(c.conversationId)).assignee?.id).toBe(second.user.id);
    callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
  });

  it('queues a video call for agents with the video skill; routing assigns one, and the call rings them', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 3 });
    const videoTeam = await admin('POST', '/api/v1/teams', {
      name: `video-${randomBytes(3).toString('hex')}`,
      skills: ['video'],
      memberIds: [nth(s.agents, 1).id],
    });
    expect(videoTeam.status).toBe(201);
    const plain = await online(nth(s.agents, 0));
    const video = await online(nth(s.agents, 1));
    const atPlain = callInbox(plain.socket);
    const atVideo = callInbox(video.socket);
    const c = await customer(s.inboxKey);

    const call = callOf(await startCall(c.socket, c.conversationId, 'video'));
    expect(call).toMatchObject({ state: 'queued', initiator: 'customer', agent: null });
    expect(await requiredSkill(c.conversationId)).toBe('video');
    const ringing = await atVideo.until(call.id, 'ringing');
    expect(ringing.agent?.id).toBe(video.user.id);
    expect((await conversation(c.conversationId)).assignee?.id).toBe(video.user.id);
    await c.calls.until(call.id, 'ringing');
    expect(atPlain.updates.filter((u) => u.id === call.id)).toEqual([]);

    // The agent without the skill may not answer it; the one rung does.
    const wrong = await emitCall(plain.socket, 'call:accept', { callId: call.id });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('forbidden');
    expect(callOf(await emitCall(video.socket, 'call:accept', { callId: call.id })).state).toBe('active');
    callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
    // Over: the conversation no longer asks for the skill.
    expect(await requiredSkill(c.conversationId)).toBeNull();
  });

  it('queues a voice call without asking for a skill', async () => {
    const s = await routingScenario(admin, { agents: 1, capacity: 3, routing: { policy: 'manual' } });
    const c = await customer(s.inboxKey);
    const call = callOf(await startCall(c.socket, c.conversationId, 'voice'));
    expect(call.state).toBe('queued');
    expect(await requiredSkill(c.conversationId)).toBeNull();
    callOf(await emitCall(c.socket, 'call:hangup', { callId: call.id }));
  });

  it('lets an agent answer a queued call directly: they take the conversation, and nobody else can', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 3, routing: { policy: 'manual' } });
    const first = await online(nth(s.agents, 0));
    const second = await online(nth(s.agents, 1));
    await watchAll(first.socket);
    const atFirst = callInbox(first.socket);
    const c = await customer(s.inboxKey);
    const call = callOf(await startCall(c.socket, c.conversationId, 'voice'));
    await atFirst.until(call.id, 'queued');

    const answered = callOf(await emitCall(first.socket, 'call:accept', { callId: call.id }));
    expect(answered).toMatchObject({ state: 'active', agent: { id: first.user.id } });
    expect((await conversation(c.conversationId)).assignee?.id).toBe(first.user.id);
    const late = await emitCall(second.socket, 'call:accept', { callId: call.id });
    expect(late.ok ? 'ok' : late.error.code).toBe('conflict');
    const lines = await callTimeline(admin, c.conversationId);
    expect(lines.map((l) => [l.event, l.by])).toEqual([
      ['started', null],
      ['accepted', `Agent routing 0`],
    ]);
    callOf(await emitCall(first.socket, 'call:hangup', { callId: call.id }));
  });

  it('has the bot hand off (requested) when it holds the conversation; routing then rings an agent', async () => {
    const inbox = await botInbox(admin, { agents: 1 });
    const agent = await online(nth(inbox.agents, 0));
    const atAgent = callInbox(agent.socket);
    const c = await botCustomer(server, inbox.inboxKey);
    open.push(c.socket);
    await c.say('你好', 1);
    expect((await conversation(c.conversationId)).assignee).toMatchObject({ type: 'bot' });

    const call = callOf(await startCall(c.socket, c.conversationId, 'voice'));
    expect(call.state).toBe('queued');
    await atAgent.until(call.id, 'ringing');
    const handoff = await admin<{ messages: { attachments: Record<string, unknown>[] }[] }>(
      'GET',
      `/api/v1/conversations/${c.conversationId}/messages?limit=100`,
    );
    const reasons = handoff.body.messages.flatMap((m) => m.attachments).filter((a) => a.type === 'handoff');
    expect(reasons).toEqual([{ action: 'bot', type: 'handoff', reason: 'requested' }]);
    callOf(await emitCall(agent.socket, 'call:decline', { callId: call.id }));
  });

  it('refuses the calls an inbox does not take from customers; agents may still call', async () => {
    const s = await routingScenario(admin, { agents: 1, capacity: 3, routing: { policy: 'manual' } });
    const patch = await admin('PATCH', `/api/v1/inboxes/${s.inboxId}`, {
      config: { routing: { teamIds: [s.teamId], policy: 'manual' }, calls: { voice: true, video: false } },
    });
    expect(patch.status).toBe(200);
    const config = await fetch(`${server.url}/api/v1/widget/config?inboxKey=${s.inboxKey}`);
    expect(((await config.json()) as { calls: unknown }).calls).toEqual({ voice: true, video: false });
    const c = await customer(s.inboxKey);
    const refused = await startCall(c.socket, c.conversationId, 'video');
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'forbidden', message: /video calls/ });
    const agent = await online(nth(s.agents, 0));
    expect(callOf(await startCall(agent.socket, c.conversationId, 'video')).state).toBe('ringing');
  });
});
