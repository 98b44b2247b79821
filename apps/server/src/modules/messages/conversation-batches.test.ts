import type { Conversation } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerSession,
  demoLogins,
  type loginAs,
  manualRouting,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { connectSocket, type TestSocket, until } from '../../../test/sockets.js';

/*
 * Agent sockets that ask for batches (the agent app does) get the account's conversation changes as
 * `conversations:updated`: the latest state of each changed conversation, a few at a time. Their own
 * conversations still come one by one, and sockets that did not ask keep getting `conversation:updated`.
 */

let server: TestServer;
let admin: Awaited<ReturnType<typeof loginAs>>;
let agent: Awaited<ReturnType<typeof loginAs>>;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await manualRouting(server);
  ({ admin, agent } = await demoLogins(server));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
});

async function agentSocket(login: typeof admin, batched: boolean): Promise<TestSocket> {
  const socket = await connectSocket(server.url, 'agent', batched ? { conversationUpdates: 'batched' } : {}, {
    cookie: login.cookie,
    origin: server.url,
  });
  sockets.push(socket);
  return socket;
}

async function newConversation(): Promise<string> {
  const customer = await customerSession(server, server.demo.inboxKey);
  const started = await customer.http<Conversation>('POST', '/api/v1/widget/conversations', {});
  expect(started.status).toBe(200);
  return started.body.id;
}

describe('conversation changes in batches', () => {
  it("keeps a batched agent's view of every conversation current, one by one for the others", async () => {
    const [first, second] = [await newConversation(), await newConversation()];
    const watcher = await agentSocket(admin, true);
    const assignee = await agentSocket(agent, true);
    const integration = await agentSocket(admin, false);
    const batches: Conversation[][] = [];
    const singlesToWatcher: Conversation[] = [];
    const singlesToAssignee: Conversation[] = [];
    const singlesToIntegration: Conversation[] = [];
    watcher.on('conversations:updated', (list) => batches.push(list));
    watcher.on('conversation:updated', (c) => singlesToWatcher.push(c));
    assignee.on('conversation:updated', (c) => singlesToAssignee.push(c));
    integration.on('conversation:updated', (c) => singlesToIntegration.push(c));

    // Several changes at once, as during a rush: a priority, then a status and an assignee.
    const patch = (id: string, body: Record<string, unknown>) =>
      admin.http('PATCH', `/api/v1/conversations/${id}`, body);
    const changes = await Promise.all([
      patch(first, { priority: 'urgent' }),
      patch(second, { assigneeId: agent.user.id }),
    ]);
    expect(changes.map((c) => c.status)).toEqual([200, 200]);
    expect((await patch(first, { status: 'pending' })).status).toBe(200);

    const latest = (id: string) =>
      batches
        .flat()
        .filter((c) => c.id === id)
        .at(-1);
    await until(() => latest(first)?.status === 'pending' && latest(second)?.assignee?.id === agent.user.id);
    expect(latest(first)).toMatchObject({ priority: 'urgent', status: 'pending', labels: [] });
    // A batch carries each changed conversation once, in its latest state.
    for (const batch of batches) expect(new Set(batch.map((c) => c.id)).size).toBe(batch.length);
    // The batched agent is not sent other people's conversations one by one.
    expect(singlesToWatcher).toEqual([]);
    // The new assignee hears of their conversation at once, on its own.
    await until(() => singlesToAssignee.some((c) => c.id === second));
    expect(singlesToAssignee.map((c) => c.id)).not.toContain(first);
    // A client that did not ask for batches gets every change as before.
    await until(() => singlesToIntegration.filter((c) => c.id === first).length === 2);
    expect(singlesToIntegration.map((c) => c.id)).toContain(second);
  });

  it('sends a conversation watched on screen one by one as well', async () => {
    const id = await newConversation();
    const watcher = await agentSocket(admin, true);
    const singles: Conversation[] = [];
    watcher.on('conversation:updated', (c) => singles.push(c));
    const watched = await watcher.timeout(10_000).emitWithAck('conversation:watch', { conversationIds: [id] });
    expect(watched).toMatchObject({ ok: true, watching: 1 });
    expect((await admin.http('PATCH', `/api/v1/conversations/${id}`, { labels: ['vip'] })).status).toBe(200);
    await until(() => singles.some((c) => c.id === id && c.labels.includes('vip')));
  });

  it('refuses an unknown update mode at the handshake', async () => {
    await expect(
      connectSocket(
        server.url,
        'agent',
        { conversationUpdates: 'sometimes' },
        { cookie: admin.cookie, origin: server.url },
      ),
    ).rejects.toThrow();
  });
});
