import type { Message } from '@warmdesk/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { http } from '../../test/harness.js';
import { processTracker, runCli, startProcess, tempDataDir } from '../../test/process.js';
import { emittedInOrder, SimulatedCustomer, sleep } from '../../test/sdk-clients.js';
import { until } from '../../test/sockets.js';

const { dirs, running, cleanup } = processTracker();
afterAll(cleanup);

describe('a server killed mid-stream', () => {
  it('loses nothing: after the restart every message is stored once and every client has it once, in order', async () => {
    const { dir, env } = await tempDataDir();
    dirs.push(dir);
    const first = await startProcess(env);
    running.push(first);
    const seed = JSON.parse(runCli(['seed', '--json'], env).stdout.trim()) as { inboxKey: string; apiToken: string };
    const CUSTOMERS = 8;
    const MESSAGES = 40;
    const customers = Array.from({ length: CUSTOMERS }, () => new SimulatedCustomer(first.url, seed.inboxKey));
    const conversations = await Promise.all(
      customers.map(async (c) => {
        await c.client.connect();
        return (await c.client.startConversation()).id;
      }),
    );

    let killed = false;
    const sending = Promise.all(
      customers.map(async (c, i) => {
        for (let j = 0; j < MESSAGES; j++) {
          c.client.send(conversations[i] ?? '', `c${i}-m${j}`).catch(() => {});
          await sleep(15);
        }
      }),
    );
    await sleep(250);
    first.proc.kill('SIGKILL');
    killed = true;
    await first.exited;
    await sleep(300);
    const second = await startProcess(env);
    running.push(second);
    await sending;
    expect(killed).toBe(true);

    const api = http(second.url, { authorization: `Bearer ${seed.apiToken}` });
    await until(() => customers.every((c) => c.client.pendingMessages().length === 0), 60_000);
    const timelines = await Promise.all(
      conversations.map(async (id) => {
        const res = await api<{ messages: Message[] }>('GET', `/api/v1/conversations/${id}/messages?limit=200`);
        return res.body.messages;
      }),
    );
    // What the customer sees: not routing's private timeline lines.
    const stored = timelines.map((all) => all.filter((m) => !m.private));
    await until(() => customers.every((c, i) => c.current.length === stored[i]?.length), 30_000);
    for (let i = 0; i < CUSTOMERS; i++) {
      const messages = stored[i] ?? [];
      expect(messages.map((m) => m.content).sort()).toEqual(
        Array.from({ length: MESSAGES }, (_, j) => `c${i}-m${j}`).sort(),
      );
      // No seq gap in the whole timeline (routing's private lines take seqs between the customer's).
      const all = timelines[i] ?? [];
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: all.length }, (_, j) => j + 1));
      const c = customers[i];
      if (!c) continue;
      expect(emittedInOrder(c.emitted)).toBe(true);
      expect(c.current.map((m) => m.id)).toEqual(messages.map((m) => m.id));
      // Sent in order by one client: stored in the same order.
      expect(messages.map((m) => m.content)).toEqual(Array.from({ length: MESSAGES }, (_, j) => `c${i}-m${j}`));
    }
    for (const c of customers) c.client.close();
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
