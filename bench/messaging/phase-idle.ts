import { execFileSync } from 'node:child_process';
import { cfg, defer, FD_LIMIT, HERE, REPO } from './config.js';
import { type IdleCommand, type IdleReply, Worker } from './ipc.js';
import { startCountingProxy } from './proxy.js';
import { type BenchServer, metricValue, type Seed } from './server.js';
import { log, round, sleep } from './stats.js';

async function medianRss(server: BenchServer, samples: number, gapMs: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(gapMs);
    values.push(server.rssBytes());
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? Number.NaN;
}

async function customerGauge(server: BenchServer): Promise<number> {
  return metricValue(await server.metrics(), 'warmdesk_socket_connections', 'side="customer"') ?? 0;
}

/** Phase: `cfg.idle` idle customer sockets held at once; server RSS before and after. */
export async function idlePhase(server: BenchServer, seed: Seed) {
  const worker = new Worker<IdleCommand, IdleReply>('idle', `${HERE}/idle-worker.ts`, { cwd: REPO, fdLimit: FD_LIMIT });
  const stopWorker = defer('idle worker', () => worker.stop());
  const serverFds = Number(server.fdLimit());
  if (serverFds < cfg.idle + 1024) log('idle', `warning: the server may hold only ${serverFds} open files`);
  worker.send({ type: 'sessions', baseUrl: server.url, inboxKey: seed.inboxKey, count: cfg.idle, concurrency: 32 });
  const sessions = await worker.waitFor('sessionsDone', 180_000);
  log('idle', `${sessions.created} widget sessions created in ${sessions.ms} ms`);
  await sleep(3000);
  const rssBefore = await medianRss(server, 3, 500);
  const heapBefore = metricValue(await server.metrics(), 'warmdesk_nodejs_heap_size_used_bytes') ?? Number.NaN;
  worker.send({ type: 'connect', baseUrl: server.url, concurrency: 200, timeoutMs: 30_000 });
  const connected = await worker.waitFor('connected', 240_000);
  log(
    'idle',
    `${connected.ready} sockets ready, ${connected.failed} failed in ${connected.ms} ms` +
      ` (worker open-files limit ${connected.fdLimit})${connected.errors.length ? `: ${connected.errors.join('; ')}` : ''}`,
  );
  await sleep(5000);
  const rssAfter = await medianRss(server, 5, 1000);
  const heapAfter = metricValue(await server.metrics(), 'warmdesk_nodejs_heap_size_used_bytes') ?? Number.NaN;
  worker.send({ type: 'pings' });
  const state = await worker.waitFor('pingCount', 10_000);
  const serverSide = await customerGauge(server);
  log(
    'idle',
    `held open at measurement: ${state.open} (client side), ${serverSide} (server gauge), disconnects ${state.disconnects};` +
      ` RSS ${round(rssBefore / 2 ** 20)} MiB -> ${round(rssAfter / 2 ** 20)} MiB`,
  );
  await stopWorker();
  const held = Math.min(state.open, serverSide);
  return {
    idleConnections: cfg.idle,
    idleConnectedAtOnce: held,
    idleConnectFailed: connected.failed,
    idleConnectMs: connected.ms,
    rssBytesPerIdleConnection: held > 0 ? Math.round((rssAfter - rssBefore) / held) : null,
    heapBytesPerIdleConnection: held > 0 ? Math.round((heapAfter - heapBefore) / held) : null,
    serverRssBeforeIdleBytes: rssBefore,
    serverRssWithIdleBytes: rssAfter,
    productionPingIntervalMs: connected.pingIntervalMs,
  };
}

/**
 * TCP segments (both directions, data and pure ACKs) so far on the client side of the proxied connections, from
 * `ss -ti` (segs_out + segs_in); null when `ss` is not available.
 */
function tcpSegments(proxyPort: number): number | null {
  try {
    const out = execFileSync('ss', ['-tinH', 'state', 'established', `( dport = :${proxyPort} )`], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    let total = 0;
    for (const m of out.matchAll(/\bsegs_(?:out|in):(\d+)/g)) total += Number(m[1]);
    return total;
  } catch {
    return null;
  }
}

/** Phase: bytes on the wire of idle sockets through a counting proxy, with a short ping interval. */
export async function heartbeatPhase(server: BenchServer, seed: Seed) {
  const proxy = await startCountingProxy(Number(new URL(server.url).port));
  const closeProxy = defer('proxy', () => proxy.close());
  const worker = new Worker<IdleCommand, IdleReply>('probe', `${HERE}/idle-worker.ts`, {
    cwd: REPO,
    fdLimit: FD_LIMIT,
  });
  const stopWorker = defer('probe worker', () => worker.stop());
  const n = cfg.probeConnections;
  worker.send({ type: 'sessions', baseUrl: server.url, inboxKey: seed.inboxKey, count: n, concurrency: 16 });
  await worker.waitFor('sessionsDone', 60_000);
  worker.send({ type: 'connect', baseUrl: `http://127.0.0.1:${proxy.port}`, concurrency: 50, timeoutMs: 20_000 });
  const connected = await worker.waitFor('connected', 60_000);
  if (connected.ready !== n) throw new Error(`heartbeat probe: only ${connected.ready}/${n} sockets ready`);
  // Start half an interval after the handshakes, so that no ping/pong straddles a snapshot.
  await sleep(cfg.probePingMs / 2);
  const pings = async () => {
    worker.send({ type: 'pings' });
    return (await worker.waitFor('pingCount', 10_000)).pings;
  };
  const pings0 = await pings();
  const bytes0 = proxy.snapshot();
  const segments0 = tcpSegments(proxy.port);
  await sleep(cfg.probePingMs * cfg.probeCycles);
  const pings1 = await pings();
  const bytes1 = proxy.snapshot();
  const segments1 = tcpSegments(proxy.port);
  const cycles = pings1 - pings0;
  const toClient = bytes1.toClient - bytes0.toClient;
  const toServer = bytes1.toServer - bytes0.toServer;
  log(
    'heartbeat',
    `${n} sockets (${bytes1.connections} proxied TCP connections), ${cycles} pings in the window` +
      ` (expected ${n * cfg.probeCycles}): ${toClient} B to clients, ${toServer} B to server`,
  );
  await stopWorker();
  await closeProxy();
  if (cycles <= 0) throw new Error('heartbeat probe: no ping observed');
  return {
    probeConnections: n,
    probeConnectionsProxied: bytes1.connections,
    probePings: cycles,
    probePingsExpected: n * cfg.probeCycles,
    bytesPerHeartbeat: round((toClient + toServer) / cycles, 2),
    bytesPerHeartbeatToClient: round(toClient / cycles, 2),
    bytesPerHeartbeatToServer: round(toServer / cycles, 2),
    tcpSegmentsPerHeartbeat:
      segments0 !== null && segments1 !== null ? round((segments1 - segments0) / cycles, 2) : null,
  };
}
