import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNumber, envNumbers, log } from './stats.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HERE = 'bench/messaging';
export const DAY_MS = 86_400_000;
export const PRODUCTION_PING_INTERVAL_MS = 300_000;
export const TARGET_P99_MS = 100;
export const TARGET_RATE = 2000;
export const TARGET_IDLE = 10_000;
export const TARGET_BYTES_PER_DAY = 3 * 1024;

/** Settings, from BENCH_* environment variables (docs/performance.md). */
export const cfg = {
  idle: Math.round(envNumber('BENCH_IDLE', 10_000)),
  customers: Math.round(envNumber('BENCH_CUSTOMERS', 200)),
  agents: Math.round(envNumber('BENCH_AGENTS', 8)),
  rates: envNumbers('BENCH_RATES', [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000]),
  stepS: envNumber('BENCH_STEP_S', 10),
  warmupS: envNumber('BENCH_WARMUP_S', 5),
  graceS: envNumber('BENCH_GRACE_S', 5),
  socketRate: envNumber('BENCH_SOCKET_MESSAGES_PER_SECOND', 100_000),
  probePingMs: Math.round(envNumber('BENCH_PROBE_PING_MS', 2000)),
  probeConnections: Math.round(envNumber('BENCH_PROBE_CONNECTIONS', 50)),
  probeCycles: Math.round(envNumber('BENCH_PROBE_CYCLES', 10)),
};
/** Open-files limit asked for the server and the workers (`ulimit -n`; capped by the hard limit). */
export const FD_LIMIT = Math.max(65_536, cfg.idle * 2 + 4096);

/** Cleanup actions, run in reverse order on success, failure or a signal. */
const cleanups: { name: string; fn: () => Promise<void> }[] = [];
export async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const c = cleanups.pop();
    if (!c) break;
    await c.fn().catch((err: unknown) => log('cleanup', `${c.name}: ${err instanceof Error ? err.message : err}`));
  }
}
/** Registers a cleanup; the returned function runs it now (once) instead. */
export function defer(name: string, fn: () => Promise<void>): () => Promise<void> {
  const entry = { name, fn };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await fn();
  };
}
