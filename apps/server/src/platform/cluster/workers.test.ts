import { readdirSync, readFileSync } from 'node:fs';
import type { Message, QueueUpdate } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, demoCustomer } from '../../../test/demo-clients.js';
import {
  type Demo,
  demoFrom,
  postgresPids,
  processTracker,
  type ServerProcess,
  spawnServer,
  startProcess,
  tempDataDir,
} from '../../../test/process.js';
import { collect, send, type TestSocket, until } from '../../../test/sockets.js';

const { dirs, running, cleanup } = processTracker();
const sockets: TestSocket[] = [];

/** The worker a socket landed on, from its Engine.IO session id (`w<index>.`). */
const workerOf = (socket: TestSocket) => /^w(\d+)\./.exec(socket.io.engine.id ?? '')?.[1];

function workerPids(primary: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === primary && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('warmdesk.js');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const texts = (got: Message[], conversationId: string) =>
  got.filter((m) => m.conversationId === conversationId).map((m) => m.content);

type Customer = Awaited<ReturnType<typeof demoCustomer>> & { conversationId: string; transport: string };

describe('WARMDESK_WORKERS=2 on the embedded default', () => {
  let server: ServerProcess;
  let dataDir: string;
  let demo: Demo;
  let primary: number;

  /** Customers who opened a conversation, until both workers hold at least `each` of their sockets. */
  async function customersOnBoth(each: number, transports: (i: number) => ('websocket' | 'polling')[]) {
    const got: Customer[] = [];
    const count = (w: string) => got.filter((c) => workerOf(c.socket) === w).length;
    for (let i = 0; i < 40 && (count('0') < each || count('1') < each); i++) {
      const t = transports(i);
      const customer = await demoCustomer(demo, server.url, sockets, t);
      got.push({ ...customer, conversationId: await customer.open(), transport: t.join('+') });
    }
    expect([count('0'), count('1')].every((n) => n >= each)).toBe(true);
    return got;
  }

  beforeAll(async () => {
    const { dir, env } = await tempDataDir();
    dirs.push(dir);
    dataDir = dir;
    server = await startProcess({ ...env, WARMDESK_WORKERS: '2', WARMDESK_LOG_LEVEL: 'info' });
    running.push(server);
    primary = server.proc.pid ?? 0;
    demo = demoFrom(server.output());
  });
  afterAll(() => {
    for (const s of sockets) s.close();
    cleanup();
  });

  it('starts a primary and two workers', () => {
    expect(server.output()).toContain('2 server workers');
    expect(workerPids(primary)).toHaveLength(2);
  });

  it('tells queued customers on either worker their new place once, whichever worker the change came through', async () => {
    // No agent is connected yet: every conversation waits in the queue.
    const queued = await customersOnBoth(2, () => ['websocket']);
    const updates = new Map<string, QueueUpdate[]>(queued.map((c) => [c.conversationId, []]));
    for (const c of queued) c.socket.on('queue:update', (u) => updates.get(u.conversationId)?.push(u));
    for (const c of queued) expect((await send(c.socket, c.conversationId, 'waiting')).ok).toBe(true);
    const latest = (c: Customer) => updates.get(c.conversationId)?.at(-1)?.position;
    // Settled: places 1..n once each (two customers queued at the same moment may both hear 1 until the refresh).
    const settled = () =>
      queued
        .map((c) => latest(c) ?? 0)
        .sort((x, y) => x - y)
        .every((place, i) => place === i + 1);
    await until(settled, 10_000).catch((err: unknown) => {
      throw new Error(`${String(err)}: ${JSON.stringify([...updates.values()])}`);
    });
    const first = queued.find((c) => latest(c) === 1);
    if (!first) throw new Error('nobody is first in the queue');
    const before = new Map(queued.map((c) => [c.conversationId, latest(c) ?? 0]));
    const seen = new Map(queued.map((c) => [c.conversationId, updates.get(c.conversationId)?.length ?? 0]));

    const left = await first.http('POST', `/api/v1/widget/conversations/${first.conversationId}/queue/leave`, {
      mode: 'abandon',
    });
    expect(left.status).toBe(200);
    const others = queued.filter((c) => c !== first);
    await until(() => others.every((c) => latest(c) === (before.get(c.conversationId) ?? 0) - 1), 10_000).catch(
      (err: unknown) => {
        const state = queued.map((c) => ({
          worker: workerOf(c.socket),
          first: c === first,
          before: before.get(c.conversationId),
          updates: updates.get(c.conversationId)?.map((u) => `${u.position}/${u.waiting}`),
        }));
        throw new Error(`${String(err)}: ${JSON.stringify(state)}`);
      },
    );
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of others) {
      const after = (updates.get(c.conversationId) ?? []).slice(seen.get(c.conversationId));
      // each change once: no process repeats what the customer's own process told them
      const repeated = after.filter((u, i) => i > 0 && JSON.stringify(u) === JSON.stringify(after[i - 1]));
      expect(repeated).toEqual([]);
    }
  });

  it('carries events between the workers, and serves a long-polling customer whole', async () => {
    const agent = await agentSocket(demo, server.url, server.url, sockets);
    const atAgent = collect(agent);
    const customers = await customersOnBoth(1, (i) => (i % 2 === 0 ? ['polling'] : ['websocket']));
    // one more on long-polling, whatever the worker: its requests go to both and must reach its own
    const longPoller = await demoCustomer(demo, server.url, sockets, ['polling']);
    customers.push({ ...longPoller, conversationId: await longPoller.open(), transport: 'polling' });

    for (const [i, c] of customers.entries()) {
      const atCustomer = collect(c.socket);
      expect((await send(c.socket, c.conversationId, `question ${i} over ${c.transport}`)).ok).toBe(true);
      await until(() => texts(atAgent, c.conversationId).includes(`question ${i} over ${c.transport}`), 10_000);
      expect((await send(agent, c.conversationId, `answer ${i}`)).ok).toBe(true);
      await until(() => texts(atCustomer, c.conversationId).includes(`answer ${i}`), 10_000);
    }
    for (const c of customers.filter((x) => x.transport === 'polling')) {
      expect(c.socket.io.engine.transport.name).toBe('polling');
    }
  });

  it('starts a killed worker again and keeps serving; SIGTERM stops everything', async () => {
    const [victim] = workerPids(primary);
    process.kill(victim ?? 0, 'SIGKILL');
    await until(() => server.output().includes('a server worker exited; starting it again'), 10_000);
    await until(() => workerPids(primary).length === 2 && !workerPids(primary).includes(victim ?? 0), 10_000);
    await until(() => server.output().split('realtime adapter: between the workers').length - 1 === 3, 60_000);
    const agent = await agentSocket(demo, server.url, server.url, sockets);
    const atAgent = collect(agent);
    const late = await demoCustomer(demo, server.url, sockets);
    const lateConversation = await late.open();
    expect((await send(late.socket, lateConversation, 'still there?')).ok).toBe(true);
    await until(() => texts(atAgent, lateConversation).includes('still there?'), 10_000);

    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(workerPids(primary)).toEqual([]);
    expect(postgresPids(dataDir)).toEqual([]);
  }, 120_000);
});

describe('a signal while the workers start', () => {
  it('is kept until start-up is done, then everything it started is stopped', async () => {
    const { dir, env } = await tempDataDir();
    dirs.push(dir);
    const server = spawnServer({ ...env, WARMDESK_WORKERS: '2' });
    running.push({ ...server, url: '' });
    const primary = server.proc.pid ?? 0;
    // once the embedded PostgreSQL runs, and before the workers serve
    await until(() => postgresPids(dir).length > 0, 60_000);
    expect(server.output()).not.toContain('Warmdesk is running');
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(workerPids(primary)).toEqual([]);
    expect(postgresPids(dir)).toEqual([]);
  }, 120_000);
});
