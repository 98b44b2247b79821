import type { Conversation } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';
import {
  customerWrites,
  type OnlineAgent,
  onlineAgent,
  routingDecisions,
  routingScenario,
  type WritingCustomer,
} from '../../../test/routing-helpers.js';
import { until } from '../../../test/sockets.js';

let server: TestServer;
let admin: Http;
const agents: OnlineAgent[] = [];
const customers: WritingCustomer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
});
afterAll(async () => {
  for (const s of [...agents, ...customers]) s.socket.close();
  await server.stop();
});

const at = <T>(list: T[], i: number): T => {
  const item = list[i];
  if (!item) throw new Error(`no item ${i}`);
  return item;
};
const connect = async (a: { email: string; password: string }) => {
  const agent = await onlineAgent(server, a.email, a.password);
  agents.push(agent);
  return agent;
};
const write = async (inboxKey: string, text: string, before?: (contactId: string) => Promise<void>) => {
  const c = await customerWrites(server, inboxKey, text, server.url, before);
  customers.push(c);
  return c;
};
const conversation = async (id: string) => (await admin<Conversation>('GET', `/api/v1/conversations/${id}`)).body;
const assigneeOf = async (id: string) => (await conversation(id)).assignee?.id ?? null;

describe('routing', () => {
  it('assigns waiting customers to available agents within capacity; the rest queue and move up as places free', async () => {
    const s = await routingScenario(admin, { agents: 3, capacity: 1 });
    const [p, q] = [await connect(at(s.agents, 0)), await connect(at(s.agents, 1))]; // the third never opens a workspace
    const c1 = await write(s.inboxKey, 'one');
    const c2 = await write(s.inboxKey, 'two');
    const c3 = await write(s.inboxKey, 'three');
    await until(() => p.assigned.size === 1 && q.assigned.size === 1, 5000);
    const owners = [await assigneeOf(c1.conversationId), await assigneeOf(c2.conversationId)];
    expect(owners.sort()).toEqual([p.user.id, q.user.id].sort());
    // Both agents are full: the third customer waits first in line, and is told so.
    await until(() => c3.last()?.position === 1, 5000);
    expect(await assigneeOf(c3.conversationId)).toBeNull();
    expect((await routingDecisions(admin, c3.conversationId)).map((d) => d.decision)).toEqual(['queued']);
    const first = await routingDecisions(admin, c1.conversationId);
    expect(first).toMatchObject([{ decision: 'assigned', policy: 'least_load' }]);

    // An agent resolves one: their place goes to the waiting customer, who learns they are no longer waiting.
    const freed = owners[0] === p.user.id ? p : q;
    const done = await freed.http('PATCH', `/api/v1/conversations/${c1.conversationId}`, { status: 'resolved' });
    expect(done.status).toBe(200);
    await until(() => freed.assigned.has(c3.conversationId), 5000);
    await until(() => c3.last()?.position === null, 5000);
    const report = await admin<{ decisions: Record<string, number>; perAgent: { userId: string }[] }>(
      'GET',
      `/api/v1/reports/routing?inboxId=${s.inboxId}`,
    );
    expect(report.body.decisions).toMatchObject({ assigned: 3, queued: 1 });
    expect(report.body.perAgent.map((a) => a.userId).sort()).toEqual([p.user.id, q.user.id].sort());
  });

  it('tells a customer arriving while every agent is full their true place at once, VIPs ahead', async () => {
    const s = await routingScenario(admin, { agents: 1, capacity: 1 });
    const agent = await connect(at(s.agents, 0));
    const held = await write(s.inboxKey, 'taken at once');
    await until(() => agent.assigned.has(held.conversationId), 5000);
    const vip = async (contactId: string) => {
      const marked = await admin('PATCH', `/api/v1/contacts/${contactId}`, { attributes: { vip: true } });
      expect(marked.status).toBe(200);
    };
    const firstPlace = (c: WritingCustomer) => c.updates.find((u) => u.position !== null);
    const regular = await write(s.inboxKey, 'a regular customer');
    await until(() => firstPlace(regular) !== undefined, 5000);
    expect(firstPlace(regular)).toMatchObject({ position: 1, waiting: 1 });
    // A VIP arriving later is told first place straight away, and the regular customer learns they moved.
    const important = await write(s.inboxKey, 'a VIP', vip);
    await until(() => firstPlace(important) !== undefined, 5000);
    expect(firstPlace(important)).toMatchObject({ position: 1, waiting: 2 });
    await until(() => regular.last()?.position === 2, 5000);
    // The next regular customer queues behind both.
    const later = await write(s.inboxKey, 'another regular');
    await until(() => firstPlace(later) !== undefined, 5000);
    expect(firstPlace(later)).toMatchObject({ position: 3, waiting: 3 });
    expect(await assigneeOf(important.conversationId)).toBeNull();
    // A place frees: the VIP goes first.
    await agent.http('PATCH', `/api/v1/conversations/${held.conversationId}`, { status: 'resolved' });
    await until(() => agent.assigned.has(important.conversationId), 5000);
    await until(() => regular.last()?.position === 1 && later.last()?.position === 2, 5000);
  });

  it('sends a returning customer to their last agent (sticky), where least load alone would choose another', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 5 });
    const p = await connect(at(s.agents, 0));
    const first = await write(s.inboxKey, 'hello again soon');
    await until(() => p.assigned.has(first.conversationId), 5000);
    await p.http('PATCH', `/api/v1/conversations/${first.conversationId}`, { status: 'resolved' });
    const q = await connect(at(s.agents, 1));
    // Both have no load now; q was never assigned, so without stickiness q would be next.
    const again = await first.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
    expect(again.body.id).not.toBe(first.conversationId);
    await first.http('POST', `/api/v1/widget/conversations/${again.body.id}/messages`, { content: 'back' });
    await until(() => p.assigned.has(again.body.id), 5000);
    expect(await routingDecisions(admin, again.body.id)).toMatchObject([{ decision: 'assigned', reason: 'sticky' }]);
    // A new customer goes by least load: q.
    const other = await write(s.inboxKey, 'new here');
    await until(() => q.assigned.has(other.conversationId), 5000);
  });

  it('returns an offline agent’s conversations to the queue, or keeps them where the inbox says so', async () => {
    const requeue = await routingScenario(admin, { agents: 2, capacity: 5 });
    const keep = await routingScenario(admin, { agents: 1, capacity: 5, routing: { onAgentOffline: 'keep' } });
    const p = await connect(at(requeue.agents, 0));
    const kept = await connect(at(keep.agents, 0));
    const c = await write(requeue.inboxKey, 'help');
    const k = await write(keep.inboxKey, 'help too');
    await until(() => p.assigned.has(c.conversationId) && kept.assigned.has(k.conversationId), 5000);
    const q = await connect(at(requeue.agents, 1));
    expect((await p.http('PATCH', `/api/v1/users/${p.user.id}`, { status: 'offline' })).status).toBe(200);
    expect((await kept.http('PATCH', `/api/v1/users/${kept.user.id}`, { status: 'offline' })).status).toBe(200);
    await until(() => q.assigned.has(c.conversationId), 5000);
    expect((await routingDecisions(admin, c.conversationId)).map((d) => d.decision)).toEqual([
      'assigned',
      'requeued',
      'assigned',
    ]);
    expect(await assigneeOf(k.conversationId)).toBe(kept.user.id);
  });

  it('sends a customer who reopens a conversation back to the queue when their agent has gone offline', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 5 });
    const p = await connect(at(s.agents, 0));
    const c = await write(s.inboxKey, 'first question');
    await until(() => p.assigned.has(c.conversationId), 5000);
    await p.http('PATCH', `/api/v1/conversations/${c.conversationId}`, { status: 'resolved' });
    expect((await p.http('PATCH', `/api/v1/users/${p.user.id}`, { status: 'offline' })).status).toBe(200);
    const q = await connect(at(s.agents, 1));
    // Days later the customer writes again in the same conversation: it reopens, and goes to someone available.
    await c.http('POST', `/api/v1/widget/conversations/${c.conversationId}/messages`, { content: 'one more thing' });
    await until(() => q.assigned.has(c.conversationId), 5000);
    expect((await routingDecisions(admin, c.conversationId)).map((d) => d.decision)).toEqual([
      'assigned',
      'requeued',
      'assigned',
    ]);
  });

  it('turns a disconnected agent away after the grace period and requeues; reconnecting turns them online', async () => {
    expect((await admin('PATCH', '/api/v1/account', { awayAfterDisconnectSeconds: 1 })).status).toBe(200);
    try {
      const s = await routingScenario(admin, { agents: 1, capacity: 5 });
      const p = await connect(at(s.agents, 0));
      const c = await write(s.inboxKey, 'are you there?');
      await until(() => p.assigned.has(c.conversationId), 5000);
      p.socket.close();
      const status = async () =>
        (await admin<{ items: { id: string; status: string }[] }>('GET', '/api/v1/users')).body.items.find(
          (u) => u.id === p.user.id,
        )?.status;
      const deadline = Date.now() + 6000;
      while ((await status()) !== 'away' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await status()).toBe('away');
      await until(() => c.last()?.position === 1, 5000);
      expect(await assigneeOf(c.conversationId)).toBeNull();
      // Back within the day: online again, and the waiting customer comes straight back to them.
      const back = await connect(at(s.agents, 0));
      await until(() => back.assigned.has(c.conversationId), 5000);
      expect(await status()).toBe('online');
    } finally {
      await admin('PATCH', '/api/v1/account', { awayAfterDisconnectSeconds: 60 });
    }
  });

  it('outside business hours: auto-reply, no assignment, and the conversation enters the queue at opening', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const allDay: [string, string][] = [['00:00', '24:00']];
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
    const s = await routingScenario(admin, {
      agents: 1,
      capacity: 5,
      widget: { businessHours: { enabled: true, timezone: 'UTC', weekly: week, holidays: [today, tomorrow] } },
      routing: { offlineReply: 'We are closed; we answer at opening.' },
    });
    const p = await connect(at(s.agents, 0));
    const c = await write(s.inboxKey, 'anyone?');
    const messages: { content: string; sender: { type: string } }[] = [];
    c.socket.on('message:new', (m) => messages.push(m));
    await until(() => c.last()?.opensAt != null, 5000);
    const opens = new Date(c.last()?.opensAt ?? '');
    expect(opens.toISOString().slice(0, 10)).toBe(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await until(() => messages.some((m) => m.content === 'We are closed; we answer at opening.'), 5000);
    const rest = await c.http<{ queue: { opensAt: string | null; position: number | null } }>(
      'GET',
      `/api/v1/widget/conversations/${c.conversationId}/queue`,
    );
    expect(rest.body.queue).toMatchObject({ position: null, opensAt: opens.toISOString() });
    await new Promise((r) => setTimeout(r, 2500));
    expect(p.assigned.size).toBe(0);
    // The clock reaches opening time.
    await server.ctx.db.pool.query('UPDATE conversations SET deferred_until = now() WHERE id = $1', [c.conversationId]);
    await until(() => p.assigned.has(c.conversationId), 6000);
    expect((await routingDecisions(admin, c.conversationId)).map((d) => d.decision)).toEqual([
      'deferred',
      'reopened_hours',
      'assigned',
    ]);
  });

  it('overflow offers a message or a callback, spills to another team, and lets a customer leave the queue', async () => {
    const spill = await routingScenario(admin, { agents: 1, capacity: 5 });
    const s = await routingScenario(admin, {
      agents: 1,
      capacity: 5,
      routing: {
        overflow: {
          enabled: true,
          maxQueueLength: 1,
          offerMessage: true,
          offerCallback: true,
          spillTeamId: spill.teamId,
        },
      },
    });
    const helper = await connect(at(spill.agents, 0)); // the inbox's own agent is not connected
    const c1 = await write(s.inboxKey, 'first');
    await until(() => c1.last()?.position === 1, 5000);
    expect(c1.last()?.offers).toEqual([]);
    const c2 = await write(s.inboxKey, 'second');
    await until(() => (c2.updates[0]?.offers ?? []).length > 0, 5000);
    expect(c2.updates[0]).toMatchObject({ position: 2, waiting: 2, offers: ['message', 'callback'] });
    await until(() => helper.assigned.has(c2.conversationId), 5000);
    expect((await routingDecisions(admin, c2.conversationId)).map((d) => d.decision)).toEqual([
      'queued',
      'overflow',
      'spilled',
      'assigned',
    ]);
    expect(helper.assigned.has(c1.conversationId)).toBe(false);

    // The first asks for a callback: agents see the number in the queue; then they give up waiting.
    expect(
      (
        await c1.http('POST', `/api/v1/widget/conversations/${c1.conversationId}/callback`, {
          phone: '+86 138 0000 0000',
        })
      ).status,
    ).toBe(200);
    const queue = await admin<{
      items: { conversationId: string; callbackPhone: string | null; leftMessage: boolean }[];
    }>('GET', `/api/v1/queue?inboxId=${s.inboxId}`);
    expect(queue.body.items).toMatchObject([
      { conversationId: c1.conversationId, callbackPhone: '+86 138 0000 0000', leftMessage: true },
    ]);
    const bad = await c1.http('POST', `/api/v1/widget/conversations/${c1.conversationId}/callback`, {
      phone: 'call me',
    });
    expect(bad.status).toBe(400);
    expect((await c1.http('POST', `/api/v1/widget/conversations/${c1.conversationId}/queue/leave`, {})).status).toBe(
      200,
    );
    expect((await conversation(c1.conversationId)).status).toBe('resolved');
    expect((await routingDecisions(admin, c1.conversationId)).map((d) => d.decision)).toContain('abandoned');
    const again = await c1.http('POST', `/api/v1/widget/conversations/${c1.conversationId}/queue/leave`, {});
    expect(again.status).toBe(409);
  });

  it('manual inboxes: agents pick from the queue within capacity; a supervisor may assign past it', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 1, routing: { policy: 'manual' } });
    const p = await connect(at(s.agents, 0));
    const q = await connect(at(s.agents, 1));
    const c1 = await write(s.inboxKey, 'one');
    const c2 = await write(s.inboxKey, 'two');
    await until(() => c2.last()?.position === 2, 5000);
    expect(p.assigned.size + q.assigned.size).toBe(0);
    const [a, b] = await Promise.all([
      p.http('POST', `/api/v1/queue/${c1.conversationId}/pick`),
      q.http('POST', `/api/v1/queue/${c1.conversationId}/pick`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? p : q;
    const full = await winner.http<{ error: { code: string } }>('POST', `/api/v1/queue/${c2.conversationId}/pick`);
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('at_capacity');
    expect(
      (await winner.http('POST', `/api/v1/queue/${c2.conversationId}/assign`, { userId: winner.user.id })).status,
    ).toBe(403);
    const supervisor = await loginAs(server, server.demo.supervisor.email, server.demo.supervisor.password);
    const forced = await supervisor.http('POST', `/api/v1/queue/${c2.conversationId}/assign`, {
      userId: winner.user.id,
    });
    expect(forced.status).toBe(200);
    expect(await routingDecisions(admin, c2.conversationId)).toMatchObject([
      { decision: 'queued' },
      { decision: 'picked', to: winner.user.id, reason: 'supervisor' },
    ]);
  });

  it('puts VIPs (marked by agents, never by themselves) ahead within their priority, and urgent ahead of all', async () => {
    const s = await routingScenario(admin, { agents: 1, capacity: 5, routing: { policy: 'manual' } });
    const first = await write(s.inboxKey, 'first come');
    const second = await write(s.inboxKey, 'second');
    await until(() => second.last()?.position === 2, 5000);
    // A customer cannot make themselves a VIP.
    const session = await http(server.url)<{ sessionToken: string; contactId: string }>(
      'POST',
      '/api/v1/widget/sessions',
      {
        inboxKey: s.inboxKey,
      },
    );
    const self = http(server.url, { 'x-warmdesk-session': session.body.sessionToken });
    expect((await self('POST', '/api/v1/widget/attributes', { attributes: { vip: true } })).status).toBe(400);
    // An agent marks them; when they write they go ahead of both.
    const marked = await admin('PATCH', `/api/v1/contacts/${session.body.contactId}`, { attributes: { vip: true } });
    expect(marked.status).toBe(200);
    const conv = await self<{ id: string }>('POST', '/api/v1/widget/conversations', {});
    await self('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content: 'VIP here' });
    const order = async () =>
      (
        await admin<{ items: { conversationId: string; contact: { vip: boolean } }[] }>(
          'GET',
          `/api/v1/queue?inboxId=${s.inboxId}`,
        )
      ).body.items;
    await until(() => first.last()?.position === 2 && second.last()?.position === 3, 5000);
    expect((await order()).map((i) => i.conversationId)).toEqual([
      conv.body.id,
      first.conversationId,
      second.conversationId,
    ]);
    expect((await order())[0]?.contact.vip).toBe(true);
    // Urgent goes ahead of VIPs of lower priority.
    await admin('PATCH', `/api/v1/conversations/${second.conversationId}`, { priority: 'urgent' });
    await until(() => second.last()?.position === 1, 5000);
  });
});
