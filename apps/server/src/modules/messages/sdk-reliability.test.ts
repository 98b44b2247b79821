import type { Message } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type Http, startTestServer, type TestServer } from '../../../test/harness.js';
import { emittedInOrder, SimulatedCustomer, seededRandom, sleep } from '../../../test/sdk-clients.js';
import { connectSocket, send, type TestSocket, until, watchAll } from '../../../test/sockets.js';

let server: TestServer;
let api: Http;
let agent: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  const c = await apiClient(server);
  api = c.http;
  agent = await watchAll(await connectSocket(server.url, 'agent', { token: c.token }));
});
afterAll(async () => {
  agent.close();
  await server.stop();
});

/** What the customer may see of a conversation, read through the agent API (private notes filtered out). */
async function visibleMessages(conversationId: string): Promise<Message[]> {
  const all: Message[] = [];
  let after = 0;
  for (let page = 0; page < 100; page++) {
    const res = await api<{ messages: Message[]; lastSeq: number; hasMore: boolean }>(
      'GET',
      `/api/v1/conversations/${conversationId}/messages?afterSeq=${after}&limit=200`,
    );
    all.push(...res.body.messages.filter((m) => !m.private));
    after = res.body.lastSeq;
    if (!res.body.hasMore) break;
  }
  return all;
}

describe('SDK against the real server', () => {
  it('resolves send with the stored message and emits own and agent messages once, in order', async () => {
    const customer = new SimulatedCustomer(server.url, server.demo.inboxKey);
    await customer.client.connect();
    const conv = await customer.client.startConversation();
    const sent = await Promise.all([1, 2, 3].map((i) => customer.client.send(conv.id, `hello ${i}`)));
    // In send order; routing's private timeline line (queued) may take a seq in between.
    const seqs = sent.map((m) => m.seq);
    expect(seqs[0]).toBe(1);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    await send(agent, conv.id, 'note', { private: true });
    await send(agent, conv.id, '您好，请问有什么可以帮您？');
    await until(() => customer.current.length === 4);
    expect(customer.current.map((m) => m.content)).toEqual([
      'hello 1',
      'hello 2',
      'hello 3',
      '您好，请问有什么可以帮您？',
    ]);
    customer.client.close();
  });

  it('sends what was typed offline once the connection is back, and what was pending before a reload', async () => {
    const customer = new SimulatedCustomer(server.url, server.demo.inboxKey);
    await customer.client.connect();
    const conv = await customer.client.startConversation();
    customer.client.disconnect();
    const offline = customer.client.send(conv.id, 'typed while offline');
    await sleep(100);
    expect(customer.client.pendingMessages().map((p) => p.content)).toEqual(['typed while offline']);
    await customer.client.connect();
    expect((await offline).seq).toBe(1);
    customer.client.disconnect();
    customer.client.send(conv.id, 'pending at reload').catch(() => {});
    await customer.reload();
    await until(() => customer.current.length === 2);
    expect(customer.current.map((m) => m.content)).toEqual(['typed while offline', 'pending at reload']);
    customer.client.close();
  });

  it('delivers every message exactly once in seq order through random disconnects, reloads and resends', async () => {
    const seed = Number(process.env.WARMDESK_PROPERTY_SEED ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    const CUSTOMERS = 24;
    const MESSAGES = 15;
    const customers = Array.from({ length: CUSTOMERS }, () => new SimulatedCustomer(server.url, server.demo.inboxKey));
    const conversations = await Promise.all(
      customers.map(async (c) => {
        await c.client.connect();
        return (await c.client.startConversation()).id;
      }),
    );
    // The agent answers some customer messages and leaves some private notes (gaps the customer must step over).
    const agentSends: Promise<unknown>[] = [];
    agent.on('message:new', (m) => {
      if (m.sender.type !== 'contact') return;
      const r = random();
      if (r < 0.25) agentSends.push(send(agent, m.conversationId, `re: ${m.content}`));
      else if (r < 0.35) agentSends.push(send(agent, m.conversationId, `note on ${m.content}`, { private: true }));
    });

    await Promise.all(
      customers.map(async (c, i) => {
        const conversationId = conversations[i] ?? '';
        for (let j = 0; j < MESSAGES; j++) {
          c.client.send(conversationId, `c${i}-m${j}`).catch(() => {});
          const r = random();
          if (r < 0.15) {
            c.client.disconnect();
            await sleep(random() * 150);
            c.client.connect().catch(() => {});
          } else if (r < 0.22) {
            await c.reload();
          }
          await sleep(random() * 25);
        }
        if (c.client.state !== 'connected') await c.client.connect();
      }),
    );

    const expectedSent = (i: number) => Array.from({ length: MESSAGES }, (_, j) => `c${i}-m${j}`);
    await until(() => customers.every((c) => c.client.pendingMessages().length === 0), 30_000);
    await Promise.all(agentSends);
    const truth = await Promise.all(conversations.map((id) => visibleMessages(id)));
    await until(() => customers.every((c, i) => c.current.length === truth[i]?.length), 30_000);

    for (let i = 0; i < CUSTOMERS; i++) {
      const stored = truth[i] ?? [];
      const fromCustomer = stored.filter((m) => m.sender.type === 'contact').map((m) => m.content);
      expect(fromCustomer.sort(), `seed ${seed}, customer ${i}: lost or duplicated`).toEqual(expectedSent(i).sort());
      const seqs = stored.map((m) => m.seq);
      expect(seqs, `seed ${seed}`).toEqual([...seqs].sort((a, b) => a - b));
      expect(fromCustomer.length + stored.filter((m) => m.sender.type === 'user').length, 'replies stored once').toBe(
        stored.length,
      );
      const c = customers[i];
      if (!c) continue;
      expect(emittedInOrder(c.emitted), `seed ${seed}, customer ${i}: emitted out of order or twice`).toBe(true);
      expect(
        c.current.map((m) => m.id),
        `seed ${seed}, customer ${i}`,
      ).toEqual(stored.map((m) => m.id));
      expect(c.current.some((m) => m.private)).toBe(false);
    }
    for (const c of customers) c.client.close();
  }, 120_000);
});
