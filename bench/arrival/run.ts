/*
 * `npm run bench:arrival`: what one customer costs the server, step by step. A fresh server (embedded PostgreSQL,
 * one process) serves N customers one at a time: widget session, customer socket, conversation, first message
 * (queued: nobody is online), then an agent resolves it (API token). For each step it prints the server's and
 * PostgreSQL's CPU per customer, the server's read/write system calls (each database round trip or socket frame
 * is at least one of each) and the wall time. Steps run one at a time, so nothing is batched: this is the cost
 * of an arrival without a surge's sharing, and the figure to cut for `bench:surge`. The whole sequence runs
 * ARRIVAL_ROUNDS times (3) with ARRIVAL_CUSTOMERS new customers each (200); each figure is the median over the
 * rounds (CPU time on a shared machine varies from one round to the next). Figures: docs/performance.md, "Surge".
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchServer, benchDataDir, TICKS_PER_SECOND } from '../messaging/server.js';
import { log } from '../messaging/stats.js';
import { request } from '../surge/http.js';
import { RawSocket } from '../surge/raw-socket.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CUSTOMERS = Number(process.env.ARRIVAL_CUSTOMERS ?? 200);
const ROUNDS = Number(process.env.ARRIVAL_ROUNDS ?? 3);
const SESSION_HEADER = 'x-warmdesk-session';

type Customer = { token: string; socket?: RawSocket; conversationId?: string };
type Usage = { serverTicks: number; postgresTicks: number; reads: number; writes: number };

function syscalls(pids: number[]): { reads: number; writes: number } {
  let reads = 0;
  let writes = 0;
  for (const pid of pids) {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    reads += Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0);
    writes += Number(/syscw: (\d+)/.exec(io)?.[1] ?? 0);
  }
  return { reads, writes };
}

function usage(server: BenchServer): Usage {
  const ticks = server.cpuTicks();
  return { serverTicks: ticks.server, postgresTicks: ticks.postgres, ...syscalls(server.serverPids()) };
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

type Figures = Awaited<ReturnType<typeof measure>>;
const FIGURES = ['serverCpuMs', 'postgresCpuMs', 'serverReads', 'serverWrites', 'wallP50Ms'] as const;
const STEPS = ['session', 'socket', 'conversation', 'firstMessage', 'resolve'] as const;
type Round = Record<(typeof STEPS)[number], Figures>;

/** Runs `step` for every customer in turn; the server's and PostgreSQL's usage per customer. */
async function measure(server: BenchServer, customers: Customer[], step: (c: Customer) => Promise<void>) {
  await new Promise((r) => setTimeout(r, 1000));
  const before = usage(server);
  const walls: number[] = [];
  for (const c of customers) {
    const t0 = performance.now();
    await step(c);
    walls.push(performance.now() - t0);
  }
  // Work the step started after answering (fan-out, queue places) is part of its cost.
  await new Promise((r) => setTimeout(r, 500));
  const after = usage(server);
  const per = (v: number) => v / customers.length;
  return {
    serverCpuMs: round(per(((after.serverTicks - before.serverTicks) * 1000) / TICKS_PER_SECOND)),
    postgresCpuMs: round(per(((after.postgresTicks - before.postgresTicks) * 1000) / TICKS_PER_SECOND)),
    serverReads: round(per(after.reads - before.reads), 1),
    serverWrites: round(per(after.writes - before.writes), 1),
    wallP50Ms: round(median(walls), 1),
  };
}

/** New customers through every step, one at a time; per step, the usage per customer. */
async function oneRound(server: BenchServer, inboxKey: string, auth: Record<string, string>): Promise<Round> {
  const customers: Customer[] = Array.from({ length: CUSTOMERS }, () => ({ token: '' }));
  const steps: Round = {
    session: await measure(server, customers, async (c) => {
      const res = await request<{ sessionToken: string }>('POST', `${server.url}/api/v1/widget/sessions`, {
        inboxKey,
      });
      c.token = res.body.sessionToken;
    }),
    socket: await measure(server, customers, async (c) => {
      c.socket = await RawSocket.connect(server.url, {
        namespace: '/customer',
        auth: { sessionToken: c.token },
        timeoutMs: 20_000,
      });
    }),
    conversation: await measure(server, customers, async (c) => {
      const res = await request<{ id: string }>(
        'POST',
        `${server.url}/api/v1/widget/conversations`,
        {},
        { [SESSION_HEADER]: c.token },
      );
      c.conversationId = res.body.id;
    }),
    firstMessage: await measure(server, customers, async (c) => {
      if (!c.socket || !c.conversationId) throw new Error('customer not set up');
      const res = await c.socket.emitWithAck(
        'message:send',
        { conversationId: c.conversationId, clientMsgId: randomUUID(), content: '在吗？ / Hello?' },
        20_000,
      );
      if (!res.ok) throw new Error(`message not acked: ${res.error.code}`);
    }),
    resolve: await measure(server, customers, async (c) => {
      await request('PATCH', `${server.url}/api/v1/conversations/${c.conversationId}`, { status: 'resolved' }, auth);
    }),
  };
  for (const c of customers) c.socket?.disconnect();
  log('bench', `round: ${JSON.stringify(steps)}`);
  return steps;
}

const dataDir = benchDataDir('warmdesk-bench-arrival-');
const server = await BenchServer.onLoopback(
  REPO,
  dataDir,
  {
    WARMDESK_WORKERS: '1',
    WARMDESK_RATE_LIMIT_PER_MINUTE: '100000000',
    WARMDESK_WIDGET_SESSIONS_PER_MINUTE: '10000000',
    WARMDESK_SOCKET_CONNECTS_PER_MINUTE: '10000000',
  },
  4096,
);
try {
  const seed = await server.seed();
  // Nobody online: every first message queues (the surge's common case), no agent's socket adds to the cost.
  const auth = { authorization: `Bearer ${seed.apiToken}` };
  const users = await request<{ items: { id: string }[] }>('GET', `${server.url}/api/v1/users`, undefined, auth);
  for (const u of users.body.items) {
    await request('PATCH', `${server.url}/api/v1/users/${u.id}`, { status: 'offline' }, auth);
  }
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await oneRound(server, seed.inboxKey, auth));
  const steps = Object.fromEntries(
    STEPS.map((step) => [
      step,
      Object.fromEntries(FIGURES.map((f) => [f, median(rounds.map((x) => x[step][f]))])) as Figures,
    ]),
  ) as Round;
  const total = (key: 'serverCpuMs' | 'postgresCpuMs') =>
    round(Object.values(steps).reduce((sum, s) => sum + s[key], 0));
  console.log(
    JSON.stringify({
      customers: CUSTOMERS,
      rounds: ROUNDS,
      serverCpuMsPerCustomer: total('serverCpuMs'),
      postgresCpuMsPerCustomer: total('postgresCpuMs'),
      steps,
      serverCpuMsPerCustomerByRound: rounds.map((x) =>
        round(Object.values(x).reduce((sum, s) => sum + s.serverCpuMs, 0)),
      ),
      node: process.version,
    }),
  );
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  log('bench', 'server stopped');
}
