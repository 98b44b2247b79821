import { randomBytes } from 'node:crypto';
import { type Conversation, type QueueList, type QueueUpdate, ROUTING_DEFAULTS } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';
import { createAgents, type OnlineAgent, onlineAgent } from '../../../test/routing-helpers.js';
import { until } from '../../../test/sockets.js';
import {
  attachmentOf,
  type BotCustomer,
  botCustomer,
  botInbox,
  createEntries,
  eventually,
  expectSilence,
  withoutEmbeddingModel,
} from './testing.js';

withoutEmbeddingModel();

let server: TestServer;
let admin: Http;
let adminId: string;
const closers: { socket: { close(): void } }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const login = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
  admin = login.http;
  adminId = login.user.id;
  await createEntries(admin, [
    { questions: ['怎么退货', '如何退货'], answer: { text: '七天无理由退货。', images: [], cards: [] } },
    { questions: ['运费多少', '包邮吗'], answer: { text: '满99元包邮。', images: [], cards: [] } },
  ]);
});
afterAll(async () => {
  for (const c of closers) c.socket.close();
  await server.stop();
});

/** A widget inbox that is not bot-first, whose queue overflows past one waiting customer and then offers its bot. */
async function overflowingInbox(offerBot: boolean) {
  const agents = await createAgents(admin, 1, 5, 'assist');
  const team = await admin<{ id: string }>('POST', '/api/v1/teams', {
    name: `assist-${randomBytes(4).toString('hex')}`,
    memberIds: agents.map((a) => a.id),
  });
  const inbox = await admin<{ id: string; publicKey: string }>('POST', '/api/v1/inboxes', {
    name: `assist-${randomBytes(4).toString('hex')}`,
    type: 'web_widget',
    config: {
      routing: {
        teamIds: [team.body.id],
        overflow: { ...ROUTING_DEFAULTS.overflow, enabled: true, maxQueueLength: 1, offerBot },
      },
    },
  });
  return { agents, inboxId: inbox.body.id, inboxKey: inbox.body.publicKey };
}

const customer = async (inboxKey: string) => {
  const c = await botCustomer(server, inboxKey);
  closers.push(c);
  return c;
};
const placeOf = async (c: BotCustomer) =>
  (await c.http<{ queue: QueueUpdate | null }>('GET', `/api/v1/widget/conversations/${c.conversationId}/queue`)).body
    .queue;
const askBot = (c: BotCustomer) => c.http('POST', `/api/v1/widget/conversations/${c.conversationId}/queue/bot`, {});

describe('overflow: the bot helps while the customer waits', () => {
  it('is offered once the queue overflows; it answers, the customer keeps their place, an agent takes over', async () => {
    const inbox = await overflowingInbox(true);
    const first = await customer(inbox.inboxKey);
    await first.say('在吗');
    await eventually(async () => expect((await placeOf(first))?.position).toBe(1));
    expect((await placeOf(first))?.offers).toEqual([]);

    const second = await customer(inbox.inboxKey);
    await second.say('怎么退货');
    await eventually(async () => expect((await placeOf(second))?.offers).toContain('bot'));

    expect((await askBot(second)).status).toBe(200);
    // It says it helps meanwhile, then answers the question they were waiting with.
    await until(() => second.fromBot().length >= 2, 10_000);
    expect(second.fromBot()[0]?.content).toContain('排队位置保持不变');
    expect(attachmentOf(second.fromBot()[1])).toMatchObject({ type: 'answer' });
    expect(second.fromBot()[1]?.content).toBe('七天无理由退货。');
    await second.say('运费多少', 3);
    expect(second.fromBot()[2]?.content).toBe('满99元包邮。');

    // Still second in the queue, and in the agents' queue view.
    expect((await placeOf(second))?.position).toBe(2);
    const queue = (await admin<QueueList>('GET', `/api/v1/queue?inboxId=${inbox.inboxId}`)).body.items;
    expect(queue.map((q) => q.conversationId)).toEqual([first.conversationId, second.conversationId]);
    // Asking twice changes nothing.
    expect((await askBot(second)).status).toBe(200);

    // The agent comes online: routing assigns both, in order; the bot is silent from then on.
    const agent: OnlineAgent = await onlineAgent(server, inbox.agents[0]?.email ?? '', inbox.agents[0]?.password ?? '');
    closers.push(agent);
    await until(() => agent.assigned.has(first.conversationId) && agent.assigned.has(second.conversationId), 8000);
    const conv = (await admin<Conversation>('GET', `/api/v1/conversations/${second.conversationId}`)).body;
    expect(conv.assignee).toMatchObject({ type: 'user', id: agent.user.id });
    await expectSilence(second);
  });

  it('is refused where the inbox does not offer it, or once an agent has the conversation', async () => {
    const inbox = await overflowingInbox(false);
    const c = await customer(inbox.inboxKey);
    await c.say('在吗');
    await eventually(async () => expect((await placeOf(c))?.position).toBe(1));
    const res = await askBot(c);
    expect(res.status).toBe(409);
    expect(c.fromBot()).toHaveLength(0);
  });
});

describe('the bot steps back for people', () => {
  it('an agent writing in a conversation the bot holds takes it over; the bot stays silent after', async () => {
    const inbox = await botInbox(admin);
    const c = await customer(inbox.inboxKey);
    await c.say('怎么退货', 2);
    const reply = await admin('POST', `/api/v1/conversations/${c.conversationId}/messages`, {
      content: '您好，我来帮您处理退货。',
    });
    expect(reply.status).toBe(201);
    await eventually(async () => {
      const conv = (await admin<Conversation>('GET', `/api/v1/conversations/${c.conversationId}`)).body;
      expect(conv.assignee).toMatchObject({ type: 'user', id: adminId });
    });
    await expectSilence(c);
  });
});
