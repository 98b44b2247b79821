import { randomBytes } from 'node:crypto';
import type { Conversation, QueueUpdate } from '@warmdesk/protocol';
import { type Http, http, loginAs } from './harness.js';
import { connectSocket, type TestSocket } from './sockets.js';

type Server = { url: string };

/** An agent with an open workspace: signed in, agent socket connected (routing only assigns to such agents). */
export async function onlineAgent(server: Server, email: string, password: string) {
  const login = await loginAs(server, email, password);
  const socket = await connectSocket(server.url, 'agent', {}, { cookie: login.cookie });
  const assigned = new Set<string>();
  socket.on('conversation:updated', (c: Conversation) => {
    if (c.assignee?.id === login.user.id && (c.status === 'open' || c.status === 'pending')) assigned.add(c.id);
    else assigned.delete(c.id);
  });
  return { ...login, socket, assigned };
}
export type OnlineAgent = Awaited<ReturnType<typeof onlineAgent>>;

/** New agents of the admin's account with a password and capacity; returns their logins. */
export async function createAgents(admin: Http, count: number, capacity: number, prefix = 'routing') {
  const run = randomBytes(3).toString('hex');
  const created: { id: string; email: string; password: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${run}-${i}@example.test`;
    const password = `pw-${run}-${i}-secret`;
    const res = await admin<{ id: string }>('POST', '/api/v1/users', {
      email,
      name: `Agent ${prefix} ${i}`,
      role: 'agent',
      password,
      capacity,
    });
    if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
    created.push({ id: res.body.id, email, password });
  }
  return created;
}

/**
 * A customer on a widget inbox who opens a conversation and writes; queue updates are collected. `before` runs
 * once the contact exists, before the customer writes (an agent marking them a VIP).
 */
export async function customerWrites(
  server: Server,
  inboxKey: string,
  text: string,
  socketUrl = server.url,
  before?: (contactId: string) => Promise<void>,
) {
  const session = await http(server.url)<{ sessionToken: string; contactId: string }>(
    'POST',
    '/api/v1/widget/sessions',
    { inboxKey },
  );
  if (session.status !== 200) throw new Error(`session failed: ${session.status}`);
  await before?.(session.body.contactId);
  const customer = http(server.url, { 'x-warmdesk-session': session.body.sessionToken });
  const socket: TestSocket = await connectSocket(socketUrl, 'customer', { sessionToken: session.body.sessionToken });
  const updates: QueueUpdate[] = [];
  socket.on('queue:update', (u) => updates.push(u));
  const conv = await customer<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  const sent = await customer('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content: text });
  if (sent.status !== 201) throw new Error(`send failed: ${sent.status}`);
  return {
    contactId: session.body.contactId,
    sessionToken: session.body.sessionToken,
    http: customer,
    socket,
    conversationId: conv.body.id,
    updates,
    last: () => updates.at(-1),
  };
}
export type WritingCustomer = Awaited<ReturnType<typeof customerWrites>>;

/** Routing activity lines of a conversation's timeline, as agents read them. */
export async function routingDecisions(agent: Http, conversationId: string) {
  const res = await agent<{ messages: { kind: string; attachments: Record<string, unknown>[] }[] }>(
    'GET',
    `/api/v1/conversations/${conversationId}/messages?limit=200`,
  );
  return res.body.messages
    .flatMap((m) => m.attachments)
    .filter((a) => a.type === 'activity' && a.action === 'routing')
    .map((a) => a as { decision: string; to?: string; reason?: string; position?: number });
}

/**
 * An inbox served by its own team of new agents, so a test's routing never reaches agents of other tests:
 * `routing` and `widget` go into the inbox's config as given.
 */
export async function routingScenario(
  admin: Http,
  o: { agents: number; capacity: number; routing?: Record<string, unknown>; widget?: Record<string, unknown> },
) {
  const agents = await createAgents(admin, o.agents, o.capacity);
  const team = await admin<{ id: string }>('POST', '/api/v1/teams', {
    name: `team-${randomBytes(4).toString('hex')}`,
    memberIds: agents.map((a) => a.id),
  });
  if (team.status !== 201) throw new Error(`team failed: ${team.status}`);
  const inbox = await admin<{ id: string; publicKey: string; config: Record<string, unknown> }>(
    'POST',
    '/api/v1/inboxes',
    {
      name: `inbox-${randomBytes(4).toString('hex')}`,
      type: 'web_widget',
      config: { routing: { teamIds: [team.body.id], ...o.routing }, ...(o.widget ? { widget: o.widget } : {}) },
    },
  );
  if (inbox.status !== 201) throw new Error(`inbox failed: ${inbox.status} ${JSON.stringify(inbox.body)}`);
  return { agents, teamId: team.body.id, inboxId: inbox.body.id, inboxKey: inbox.body.publicKey };
}
