/**
 * Warmdesk surge benchmark (`npm run bench:surge`, issue 5): a burst of customers arrives at one inbox served by
 * simulated agents, over real sockets from separate processes, against a fresh server with its embedded
 * PostgreSQL. Prints one JSON line on stdout (progress on stderr). Settings: SURGE_* (docs/performance.md).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, setPriority } from 'node:os';
import { cleanup, defer } from '../messaging/config.js';
import { Worker } from '../messaging/ipc.js';
import { runBench } from '../messaging/lifecycle.js';
import { BenchServer, benchDataDir, freePort } from '../messaging/server.js';
import { log, sleep } from '../messaging/stats.js';
import { cfg, checkConfig, epochMs, FD_LIMIT, HERE, REPO, TARGET_P99_FIRST_RESPONSE_MS } from './config.js';
import { finalChecks, openDb, startSampler } from './db.js';
import type { AgentCommand, AgentReply, CustomerCommand, CustomerRecord, CustomerReply, Handled } from './ipc.js';
import { startProbe } from './probe.js';
import { agentFigures, customerFigures, lostFigures, overlappingBeliefs } from './results.js';
import { createAgents, setLeastLoad } from './setup.js';
import { watchUsage } from './usage.js';

type AgentWorker = Worker<AgentCommand, AgentReply>;
type CustomerWorker = Worker<CustomerCommand, CustomerReply>;

const SETUP_TIMEOUT_MS = 120_000;
const STATUS_TIMEOUT_MS = 10_000;

async function startServer(dataDir: string, pgPort: number): Promise<BenchServer> {
  const t0 = Date.now();
  const server = await BenchServer.onLoopback(
    REPO,
    dataDir,
    {
      ...(cfg.port ? { WARMDESK_PORT: String(cfg.port) } : {}),
      WARMDESK_PG_PORT: String(pgPort),
      WARMDESK_RATE_LIMIT_PER_MINUTE: '100000000',
      WARMDESK_WIDGET_SESSIONS_PER_MINUTE: '10000000',
      WARMDESK_SOCKET_CONNECTS_PER_MINUTE: '10000000',
      WARMDESK_LOGINS_PER_MINUTE: '100000',
      WARMDESK_SOCKET_MESSAGES_PER_SECOND: '1000',
      ...(process.env.SURGE_DB_POOL_SIZE ? { WARMDESK_DB_POOL_SIZE: process.env.SURGE_DB_POOL_SIZE } : {}),
      ...(process.env.SURGE_ACCEPT_HANDLES ? { WARMDESK_ACCEPT_HANDLES: process.env.SURGE_ACCEPT_HANDLES } : {}),
      WARMDESK_WORKERS: cfg.serverWorkers,
    },
    FD_LIMIT,
  );
  log('server', `pid ${server.pid} ready at ${server.url} in ${Date.now() - t0} ms (open files ${server.fdLimit()})`);
  return server;
}

type CustomerStatus = Extract<CustomerReply, { type: 'status' }>;
type AgentStatus = Extract<AgentReply, { type: 'status' }>;
const lastCustomer = new Map<CustomerWorker, CustomerStatus>();
const lastAgent = new Map<AgentWorker, AgentStatus>();

/** Each worker's counts; a worker too busy to answer in time keeps its previous counts (logged). */
async function ask<S, W extends { name: string; send: (c: { type: 'status' }) => void }>(
  w: W,
  last: Map<W, S>,
  wait: () => Promise<S>,
  empty: S,
): Promise<S> {
  w.send({ type: 'status' });
  try {
    const s = await wait();
    last.set(w, s);
    return s;
  } catch (err) {
    log('bench', `${w.name}: ${err instanceof Error ? err.message : err}; using its previous counts`);
    return last.get(w) ?? empty;
  }
}

async function statuses(customers: CustomerWorker[], agents: AgentWorker[]) {
  const noCustomers: CustomerStatus = {
    type: 'status',
    arrived: 0,
    sent: 0,
    acked: 0,
    assigned: 0,
    replied: 0,
    resolved: 0,
    failed: 0,
  };
  const noAgents: AgentStatus = { type: 'status', busy: 0, handled: 0, disconnects: 0 };
  const c = await Promise.all(
    customers.map((w) => ask(w, lastCustomer, () => w.waitFor('status', STATUS_TIMEOUT_MS), noCustomers)),
  );
  const a = await Promise.all(
    agents.map((w) => ask(w, lastAgent, () => w.waitFor('status', STATUS_TIMEOUT_MS), noAgents)),
  );
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
  return {
    arrived: sum(c, (s) => s.arrived),
    acked: sum(c, (s) => s.acked),
    assigned: sum(c, (s) => s.assigned),
    replied: sum(c, (s) => s.replied),
    resolved: sum(c, (s) => s.resolved),
    failed: sum(c, (s) => s.failed),
    agentsBusy: sum(a, (s) => s.busy),
    agentDisconnects: sum(a, (s) => s.disconnects),
  };
}

/**
 * With SURGE_WORKER_NICE the load generator runs at a lower scheduling priority than the server and PostgreSQL
 * (never reniced): in a real deployment the customers and agents are on other machines, here they share its cores.
 */
function lowerPriority(w: { name: string; pid: number | undefined }): void {
  if (cfg.workerNice === 0 || w.pid === undefined) return;
  try {
    setPriority(w.pid, cfg.workerNice);
  } catch (err) {
    log('bench', `${w.name}: could not set nice ${cfg.workerNice}: ${err instanceof Error ? err.message : err}`);
  }
}

function spread<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p));
}

async function main(): Promise<void> {
  checkConfig();
  const started = Date.now();
  const dataDir = benchDataDir('warmdesk-bench-surge-');
  defer('data dir', async () => {
    if (process.env.BENCH_KEEP_DATA) log('bench', `kept data dir ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  });
  log('bench', `data dir ${dataDir}; config ${JSON.stringify(cfg)}`);
  const pgPort = cfg.pgPort ?? (await freePort());
  const server = await startServer(dataDir, pgPort);
  defer('server', () => server.stop());
  const seed = await server.seed();
  await setLeastLoad(server.url, seed);
  const logins = await createAgents(server.url, seed, cfg.agents, cfg.capacity);
  const agentIds = logins.map((a) => a.userId);
  const db = await openDb(dataDir, pgPort);
  defer('db client', () => db.end());

  const agentWorkers: AgentWorker[] = spread(logins, cfg.agentProcesses).map((group, i) => {
    const w: AgentWorker = new Worker(`agents${i + 1}`, `${HERE}/agent-worker.ts`, { cwd: REPO, fdLimit: 4096 });
    lowerPriority(w);
    defer(`agents${i + 1}`, () => w.stop());
    w.send({
      type: 'setup',
      baseUrl: server.url,
      agents: group,
      handleMinMs: cfg.handleMinMs,
      handleMaxMs: cfg.handleMaxMs,
    });
    return w;
  });
  for (const w of agentWorkers) await w.waitFor('setupDone', SETUP_TIMEOUT_MS);
  log('bench', `${logins.length} agents signed in and connected from ${agentWorkers.length} processes`);

  const customerWorkers: CustomerWorker[] = Array.from({ length: cfg.customerProcesses }, (_, i) => {
    const w: CustomerWorker = new Worker(`customers${i + 1}`, `${HERE}/customer-worker.ts`, {
      cwd: REPO,
      fdLimit: FD_LIMIT,
    });
    lowerPriority(w);
    defer(`customers${i + 1}`, () => w.stop());
    return w;
  });
  const workerPids = [...agentWorkers, ...customerWorkers].flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
  // A worker answers once it has loaded (tsx compiles it first): loading must not overlap the surge. Arrivals
  // start 1 s later, evenly spaced over the surge.
  for (const w of customerWorkers) w.send({ type: 'status' });
  for (const w of customerWorkers) await w.waitFor('status', SETUP_TIMEOUT_MS);
  const startAt = epochMs() + 1000;
  const spacing = (cfg.seconds * 1000) / cfg.customers;
  const arrivals = Array.from({ length: cfg.customers }, (_, i) => startAt + i * spacing);
  const surgeEnd = startAt + cfg.seconds * 1000;
  const drainDeadline = surgeEnd + cfg.drainSeconds * 1000;
  const sampler = startSampler(db, seed.accountId, cfg.sampleMs, drainDeadline + 10_000);
  const stopSampler = defer('sampler', async () => void (await sampler.stop()));
  const serverUsage = watchUsage(server, workerPids);
  const stopWatch = defer('server usage', async () => void serverUsage());
  const probe = startProbe(server.url, db, drainDeadline + 10_000);
  const stopProbe = defer('probe', async () => void (await probe()));
  spread(arrivals, customerWorkers.length).forEach((mine, i) => {
    customerWorkers[i]?.send({
      type: 'start',
      baseUrl: server.url,
      inboxKey: seed.inboxKey,
      arrivals: mine,
      maxSetupsInFlight: cfg.maxSetupsInFlight,
    });
  });
  for (const w of customerWorkers) await w.waitFor('started', SETUP_TIMEOUT_MS);

  // Surge, then drain: until every customer was answered and resolved (or failed), bounded by the drain time.
  let last = await statuses(customerWorkers, agentWorkers);
  let drainedAt: number | null = null;
  while (epochMs() < drainDeadline) {
    await sleep(2000);
    last = await statuses(customerWorkers, agentWorkers);
    log('bench', JSON.stringify(last));
    const settled = last.resolved + last.failed >= cfg.customers && last.agentsBusy === 0;
    if (epochMs() >= surgeEnd && last.arrived >= cfg.customers && settled) {
      drainedAt = epochMs();
      break;
    }
  }
  const endAt = epochMs();
  const usage = serverUsage();
  const samples = await sampler.stop();
  await stopSampler();
  await stopWatch();
  const probed = await probe();
  await stopProbe();

  const records: CustomerRecord[] = [];
  const customerCpuMs: number[] = [];
  const loopDelays: number[] = [];
  for (const w of customerWorkers) {
    w.send({ type: 'report' });
    const r = await w.waitFor('report', 60_000);
    records.push(...r.records);
    customerCpuMs.push(r.cpuMs);
    loopDelays.push(r.loopDelayP99Ms);
  }
  // For a closer look at one run: every customer's timeline as JSON.
  if (process.env.SURGE_RECORDS_FILE) writeFileSync(process.env.SURGE_RECORDS_FILE, JSON.stringify(records));
  const handled: Handled[] = [];
  let updatesSeen = 0;
  const agentCpuMs: number[] = [];
  for (const w of agentWorkers) {
    w.send({ type: 'report' });
    const r = await w.waitFor('report', 60_000);
    handled.push(...r.handled);
    updatesSeen += r.updatesSeen;
    agentCpuMs.push(r.cpuMs);
  }
  const sent = records.flatMap((r) =>
    r.conversationId && r.clientMsgId && r.ackAt !== null && r.ackError === null
      ? [{ conversationId: r.conversationId, clientMsgId: r.clientMsgId }]
      : [],
  );
  const checks = await finalChecks(db, seed.accountId, seed.inboxId, sent, agentIds);
  const customers = customerFigures(records, endAt);
  const agents = agentFigures(handled, agentIds, records, endAt);
  const lost = lostFigures(customers, agents, checks);
  const believedDouble = overlappingBeliefs(handled, endAt);
  const doubleAssignments = new Set([...believedDouble, ...checks.doubleRouted]).size;
  const result = {
    customers: customers.arrived,
    p50FirstResponseMs: customers.p50FirstResponseMs,
    p99FirstResponseMs: customers.p99FirstResponseMs,
    /** The customer's whole wait: opening the chat (scheduled arrival, set-up included) to a position or assignee. */
    p50FromOpeningMs: customers.p50FromOpeningMs,
    p99FromOpeningMs: customers.p99FromOpeningMs,
    lostMessages: lost.lostMessages,
    overCapacity: samples.overCapacity,
    doubleAssignments,
    maxWaitMs: customers.maxWaitMs,
    fairness: agents.fairness,
    /** Customers who never got their message acked (setup failed or timed out, or the ack failed): not counted as lost. */
    failedArrivals: customers.arrived - customers.acked,
    targetsMet:
      customers.p99FirstResponseMs !== null &&
      customers.p99FirstResponseMs <= TARGET_P99_FIRST_RESPONSE_MS &&
      lost.lostMessages === 0 &&
      samples.overCapacity === 0 &&
      doubleAssignments === 0 &&
      customers.acked === customers.arrived,
    lost: lost.lost,
    customerSide: customers,
    agentSide: { ...agents, updatesSeen },
    doubleAssignmentsBelieved: believedDouble.length,
    doubleAssignmentsRouted: checks.doubleRouted.length,
    db: {
      samples: samples.samples,
      sampleP99Ms: samples.sampleP99Ms,
      sampleErrors: samples.errors,
      maxLoad: samples.maxLoad,
      maxAssignedAtOnce: samples.maxAssigned,
      maxOpenUnassigned: samples.maxWaiting,
      decisions: checks.decisions,
      assignedToOthers: checks.assignedToOthers,
      openAtEnd: checks.openAtEnd,
      serverWaitP99Ms: checks.serverWaitP99Ms,
    },
    agents: cfg.agents,
    capacity: cfg.capacity,
    surgeSeconds: cfg.seconds,
    handleMs: [cfg.handleMinMs, cfg.handleMaxMs],
    drained: drainedAt !== null,
    drainMs: Math.round(endAt - surgeEnd),
    ...usage,
    serverProcesses: server.serverPids().length,
    probe: probed,
    customerWorkerCpuMs: customerCpuMs,
    agentWorkerCpuMs: agentCpuMs,
    workerNice: cfg.workerNice,
    customerWorkerLoopDelayP99Ms: loopDelays,
    node: process.version,
    cpus: cpus().length,
    totalS: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

runBench(main, cleanup);
