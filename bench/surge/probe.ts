/**
 * Where the server's time goes, seen from outside: once a second `/healthz` (answered by the event loop alone)
 * and `/readyz` (one query through the server's connection pool), and PostgreSQL's own view of its sessions
 * (active, waiting on a lock). A slow healthz means a busy event loop; a slow readyz with a fast healthz means
 * queries waiting for a pool connection or the database.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { percentile } from '../messaging/stats.js';

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
  } catch {
    return 10_000;
  }
  return performance.now() - t0;
}

/**
 * The server's listen socket, from /proc/net/tcp: connections the kernel completed that the server has not yet
 * accepted (the accept queue), and half-open ones still in the SYN queue.
 */
function listenQueues(port: number): { accept: number; syn: number } {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let accept = 0;
  let syn = 0;
  try {
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const [, local, , state, queues] = line.trim().split(/\s+/);
      if (!local?.endsWith(hexPort)) continue;
      if (state === '0A') accept += Number.parseInt(queues?.split(':')[1] ?? '0', 16);
      else if (state === '03') syn++;
    }
  } catch {
    // not Linux
  }
  return { accept, syn };
}

export function startProbe(baseUrl: string, db: pg.Client, deadline: number) {
  const health: number[] = [];
  const ready: number[] = [];
  let maxActive = 0;
  let maxLockWaits = 0;
  const acceptQueue: number[] = [];
  let maxSynQueue = 0;
  const port = Number(new URL(baseUrl).port);
  /** Sampled lock waits: "waiting query <- blocking query" -> how many sessions, summed over samples. */
  const lockWaits = new Map<string, number>();
  let stopped = false;
  const done = (async () => {
    while (!stopped && Date.now() < deadline) {
      const t0 = Date.now();
      const [h, r, sessions] = await Promise.all([
        timed(`${baseUrl}/healthz`),
        timed(`${baseUrl}/readyz`),
        db
          .query<{ active: number; locks: number }>(
            `SELECT count(*) FILTER (WHERE state = 'active')::int AS active,
                    count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS locks
               FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          )
          .then((q) => q.rows[0])
          .catch(() => undefined),
        db
          .query<{ waiting: string; blocker: string | null; state: string | null }>(
            `SELECT left(regexp_replace(a.query, '\\s+', ' ', 'g'), 90) AS waiting,
                    left(regexp_replace(b.query, '\\s+', ' ', 'g'), 90) AS blocker, b.state
               FROM pg_stat_activity a
               LEFT JOIN pg_stat_activity b ON b.pid = (pg_blocking_pids(a.pid))[1]
              WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'`,
          )
          .then((q) => {
            for (const w of q.rows) {
              const key = `${w.waiting} <- [${w.state ?? '?'}] ${w.blocker ?? '?'}`;
              lockWaits.set(key, (lockWaits.get(key) ?? 0) + 1);
            }
          })
          .catch(() => undefined),
      ]);
      const queues = listenQueues(port);
      acceptQueue.push(queues.accept);
      maxSynQueue = Math.max(maxSynQueue, queues.syn);
      health.push(h);
      ready.push(r);
      maxActive = Math.max(maxActive, sessions?.active ?? 0);
      maxLockWaits = Math.max(maxLockWaits, sessions?.locks ?? 0);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - t0))));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    const r = (v: number) => Math.round(v);
    return {
      healthzMs: { p50: r(percentile(health, 50)), p99: r(percentile(health, 99)), max: r(percentile(health, 100)) },
      readyzMs: { p50: r(percentile(ready, 50)), p99: r(percentile(ready, 99)), max: r(percentile(ready, 100)) },
      /** Connections waiting to be accepted by the server (sampled once a second) and the most half-open ones. */
      acceptQueue: { p50: r(percentile(acceptQueue, 50)), max: r(percentile(acceptQueue, 100)) },
      synQueueMax: maxSynQueue,
      pgMaxActiveSessions: maxActive,
      pgMaxLockWaits: maxLockWaits,
      pgLockWaitsTop: [...lockWaits.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([query, samples]) => ({ query, samples })),
    };
  };
}
