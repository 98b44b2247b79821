import { cfg, defer, FD_LIMIT, HERE, REPO, TARGET_P99_MS } from './config.js';
import { type LoadCommand, type LoadReply, type StepResult, Worker } from './ipc.js';
import {
  type BenchServer,
  histogram,
  histogramPercentileMs,
  machineBusyTicks,
  type Seed,
  TICKS_PER_SECOND,
} from './server.js';
import { log, round } from './stats.js';

export type StepRow = StepResult & {
  serverCpuPct: number;
  postgresCpuPct: number;
  serverCpuMsPerMessage: number;
  postgresCpuMsPerMessage: number;
  storeP50Ms: number;
  storeP99Ms: number;
  /** CPU used on this machine by processes other than the server, PostgreSQL and the bench (other workloads). */
  otherCpuPct: number;
  attempt: number;
};

/** A step passes with p99 <= 100 ms, no loss, no failed ack, and >= 95% of the offered rate delivered. */
export function passes(s: StepResult): boolean {
  return (
    s.p99DeliveredMs <= TARGET_P99_MS &&
    s.lost === 0 &&
    s.ackFailed === 0 &&
    s.messagesPerSecond >= 0.95 * s.offeredRate
  );
}

/** Phase: offered rate stepped up until a step misses p99 <= 100 ms, no loss, no failed ack, >= 95% achieved. */
export async function throughputPhase(server: BenchServer, seed: Seed) {
  const worker = new Worker<LoadCommand, LoadReply>('load', `${HERE}/load-worker.ts`, { cwd: REPO, fdLimit: FD_LIMIT });
  const stopWorker = defer('load worker', () => worker.stop());
  worker.send({
    type: 'setup',
    baseUrl: server.url,
    inboxKey: seed.inboxKey,
    apiToken: seed.apiToken,
    customers: cfg.customers,
    agents: cfg.agents,
  });
  const setup = await worker.waitFor('setupDone', 120_000);
  log(
    'load',
    `${setup.customers} customers (one conversation each) and ${setup.agents} agent sockets in ${setup.ms} ms`,
  );
  const firstRate = cfg.rates[0] ?? 1000;
  worker.send({ type: 'step', label: 'warm-up', totalRate: firstRate, durationS: cfg.warmupS, graceS: cfg.graceS });
  const warm = (await worker.waitFor('stepDone', (cfg.warmupS + cfg.graceS + 60) * 1000)).result;
  log('load', `warm-up at ${firstRate}/s: p99 ${warm.p99DeliveredMs} ms, lost ${warm.lost}`);
  const steps: StepRow[] = [];
  for (const rate of cfg.rates) {
    let passed = false;
    // The machine may be shared: a failing step is run once more before the ramp stops.
    for (let attempt = 1; attempt <= 2 && !passed; attempt++) {
      const row = await runStep(worker, server, rate, attempt);
      steps.push(row);
      passed = passes(row);
    }
    if (!passed) break;
  }
  await stopWorker();
  return { steps, customers: setup.customers, agents: setup.agents };
}

async function runStep(
  worker: Worker<LoadCommand, LoadReply>,
  server: BenchServer,
  rate: number,
  attempt: number,
): Promise<StepRow> {
  const cpu0 = server.cpuTicks();
  const machine0 = machineBusyTicks();
  const own0 = process.cpuUsage();
  const hist0 = histogram(await server.metrics(), 'warmdesk_message_store_seconds');
  const t0 = Date.now();
  worker.send({ type: 'step', label: `${rate}/s`, totalRate: rate, durationS: cfg.stepS, graceS: cfg.graceS });
  const r = (await worker.waitFor('stepDone', (cfg.stepS + cfg.graceS + 60) * 1000)).result;
  const wallS = (Date.now() - t0) / 1000;
  const cpu1 = server.cpuTicks();
  const machineS = (machineBusyTicks() - machine0) / TICKS_PER_SECOND;
  const own = process.cpuUsage(own0);
  const hist1 = histogram(await server.metrics(), 'warmdesk_message_store_seconds');
  const serverCpuS = (cpu1.server - cpu0.server) / TICKS_PER_SECOND;
  const postgresCpuS = (cpu1.postgres - cpu0.postgres) / TICKS_PER_SECOND;
  const benchCpuS = (own.user + own.system) / 1e6 + (r.workerCpuPct / 100) * wallS;
  const stored = r.customerSent + r.agentSent;
  const row: StepRow = {
    ...r,
    serverCpuPct: round((serverCpuS / wallS) * 100),
    postgresCpuPct: round((postgresCpuS / wallS) * 100),
    serverCpuMsPerMessage: round((serverCpuS * 1000) / stored, 2),
    postgresCpuMsPerMessage: round((postgresCpuS * 1000) / stored, 2),
    storeP50Ms: histogramPercentileMs(hist0, hist1, 50),
    storeP99Ms: histogramPercentileMs(hist0, hist1, 99),
    otherCpuPct: Math.max(0, round(((machineS - serverCpuS - postgresCpuS - benchCpuS) / wallS) * 100)),
    attempt,
  };
  log(
    'load',
    `offered ${rate}/s${attempt > 1 ? ` (attempt ${attempt})` : ''}: delivered ${row.messagesPerSecond}/s,` +
      ` p50 ${row.p50DeliveredMs} ms, p99 ${row.p99DeliveredMs} ms` +
      ` (c->a ${row.p99CustomerToAgentMs}, a->c ${row.p99AgentToCustomerMs}), lost ${row.lost}, ack failed ${row.ackFailed}` +
      ` ${JSON.stringify(row.ackErrors)}; CPU server ${row.serverCpuPct}% postgres ${row.postgresCpuPct}%` +
      ` (${row.serverCpuMsPerMessage} + ${row.postgresCpuMsPerMessage} ms per message) worker ${row.workerCpuPct}%` +
      ` other processes ${row.otherCpuPct}%; store p50/p99 <= ${row.storeP50Ms}/${row.storeP99Ms} ms` +
      ` -> ${passes(row) ? 'PASS' : 'FAIL'}`,
  );
  return row;
}
