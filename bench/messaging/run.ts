/**
 * Warmdesk messaging benchmark (`npm run bench:messaging`). Starts a fresh server (embedded PostgreSQL in a temp
 * dir), drives it from separate worker processes, and prints one JSON line of figures on stdout (progress on
 * stderr). See docs/performance.md.
 */
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  cfg,
  cleanup,
  DAY_MS,
  defer,
  FD_LIMIT,
  PRODUCTION_PING_INTERVAL_MS,
  REPO,
  TARGET_BYTES_PER_DAY,
  TARGET_IDLE,
  TARGET_P99_MS,
  TARGET_RATE,
} from './config.js';
import { runBench } from './lifecycle.js';
import { heartbeatPhase, idlePhase } from './phase-idle.js';
import { passes, throughputPhase } from './phase-load.js';
import { BenchServer, benchDataDir } from './server.js';
import { log } from './stats.js';

async function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<BenchServer> {
  const t0 = Date.now();
  const server = await BenchServer.onLoopback(
    REPO,
    dataDir,
    {
      WARMDESK_RATE_LIMIT_PER_MINUTE: '100000000',
      WARMDESK_WIDGET_SESSIONS_PER_MINUTE: '1000000',
      WARMDESK_SOCKET_CONNECTS_PER_MINUTE: '1000000',
      WARMDESK_SOCKET_MESSAGES_PER_SECOND: String(cfg.socketRate),
      ...extra,
    },
    FD_LIMIT,
  );
  log(
    'server',
    `pid ${server.pid} ready at ${server.url} in ${Date.now() - t0} ms (open-files limit ${server.fdLimit()})`,
  );
  return server;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = benchDataDir('warmdesk-bench-');
  defer('data dir', async () => {
    if (process.env.BENCH_KEEP_DATA) log('bench', `kept data dir ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  });
  log('bench', `data dir ${dataDir}; config ${JSON.stringify(cfg)}`);
  log(
    'bench',
    `server started with WARMDESK_SOCKET_MESSAGES_PER_SECOND=${cfg.socketRate} (default 20/s): each agent socket` +
      ` sends up to rate / 2 / ${cfg.agents} replies per second; per-IP connect and HTTP limits are raised too`,
  );

  // Each phase gets a freshly started server process on the same database.
  let server = await startServer(dataDir);
  let stopServer = defer('server', () => server.stop());
  const seed = await server.seed();
  const load = await throughputPhase(server, seed);
  await stopServer();

  server = await startServer(dataDir);
  stopServer = defer('server', () => server.stop());
  const idle = await idlePhase(server, seed);
  await stopServer();

  server = await startServer(dataDir, { WARMDESK_PING_INTERVAL_MS: String(cfg.probePingMs) });
  stopServer = defer('server', () => server.stop());
  const beat = await heartbeatPhase(server, seed);
  await stopServer();

  const passing = load.steps.filter(passes);
  const best =
    passing.at(-1) ?? [...load.steps].sort((a, b) => b.messagesPerSecond - a.messagesPerSecond)[0] ?? undefined;
  const heartbeatIntervalMs = idle.productionPingIntervalMs ?? PRODUCTION_PING_INTERVAL_MS;
  const cyclesPerDay = DAY_MS / heartbeatIntervalMs;
  const result = {
    messagesPerSecond: best?.messagesPerSecond ?? 0,
    p50DeliveredMs: best?.p50DeliveredMs ?? null,
    p99DeliveredMs: best?.p99DeliveredMs ?? null,
    lostMessages: best?.lost ?? null,
    ackFailed: best?.ackFailed ?? null,
    offeredRate: best?.offeredRate ?? null,
    meetsLatencyTarget: passing.length > 0,
    durationS: cfg.stepS,
    steps: load.steps.map((s) => ({
      offeredRate: s.offeredRate,
      messagesPerSecond: s.messagesPerSecond,
      p50DeliveredMs: s.p50DeliveredMs,
      p99DeliveredMs: s.p99DeliveredMs,
      lost: s.lost,
      ackFailed: s.ackFailed,
      serverCpuPct: s.serverCpuPct,
      postgresCpuPct: s.postgresCpuPct,
      serverCpuMsPerMessage: s.serverCpuMsPerMessage,
      postgresCpuMsPerMessage: s.postgresCpuMsPerMessage,
      workerCpuPct: s.workerCpuPct,
      storeP50Ms: s.storeP50Ms,
      storeP99Ms: s.storeP99Ms,
      workerLoopDelayP99Ms: s.workerLoopDelayP99Ms,
      otherCpuPct: s.otherCpuPct,
      attempt: s.attempt,
      pass: passes(s),
    })),
    customers: load.customers,
    agentSockets: load.agents,
    socketMessagesPerSecondLimit: cfg.socketRate,
    ...idle,
    idleBytesPerConnPerDay: Math.round(beat.bytesPerHeartbeat * cyclesPerDay),
    // Estimate with IPv4 + TCP headers (20 + 20 + 12 bytes of timestamps option) on every segment, ACKs included.
    idleIpBytesPerConnPerDayEstimate:
      beat.tcpSegmentsPerHeartbeat === null
        ? null
        : Math.round((beat.bytesPerHeartbeat + beat.tcpSegmentsPerHeartbeat * 52) * cyclesPerDay),
    heartbeatIntervalMs,
    ...beat,
    heartbeatProbeIntervalMs: cfg.probePingMs,
    targets: {
      messages: `>= ${TARGET_RATE} messages/s with p99 <= ${TARGET_P99_MS} ms and no loss`,
      messagesMet: passing.some((st) => st.messagesPerSecond >= TARGET_RATE),
      idle: `${TARGET_IDLE} idle customer connections on one process`,
      idleMet: idle.idleConnectedAtOnce >= TARGET_IDLE,
      idleTraffic: `<= ${TARGET_BYTES_PER_DAY} bytes per idle connection per day`,
      idleTrafficMet: Math.round(beat.bytesPerHeartbeat * cyclesPerDay) <= TARGET_BYTES_PER_DAY,
    },
    node: process.version,
    cpus: cpus().length,
    totalS: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

runBench(main, cleanup);
