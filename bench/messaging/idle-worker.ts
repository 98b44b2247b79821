/**
 * Idle customers: creates widget sessions, then holds one idle customer socket (WebSocket transport) per session.
 * Counts `ready` events, disconnects and heartbeat pings. Runs in its own process, started by run.ts.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { connect, createSession, type WdSocket } from './clients.js';
import { type IdleCommand, type IdleReply, workerChannel } from './ipc.js';
import { mapLimit } from './stats.js';

const tokens: string[] = [];
const sockets: WdSocket[] = [];
let pings = 0;
let disconnects = 0;
let pingIntervalMs: number | null = null;

async function sessions(c: Extract<IdleCommand, { type: 'sessions' }>): Promise<IdleReply> {
  const t0 = performance.now();
  const made = await mapLimit(Array.from({ length: c.count }), c.concurrency, () =>
    createSession(c.baseUrl, c.inboxKey),
  );
  tokens.push(...made.map((s) => s.sessionToken));
  return { type: 'sessionsDone', created: made.length, ms: Math.round(performance.now() - t0) };
}

async function connectAll(c: Extract<IdleCommand, { type: 'connect' }>): Promise<IdleReply> {
  const t0 = performance.now();
  const errors = new Map<string, number>();
  let failed = 0;
  await mapLimit(tokens, c.concurrency, async (sessionToken) => {
    try {
      const socket = await connect(c.baseUrl, {
        namespace: '/customer',
        auth: { sessionToken },
        timeoutMs: c.timeoutMs,
        setup: (s) => {
          s.io.on('ping', () => {
            pings++;
          });
          if (pingIntervalMs === null) {
            s.io.engine.once('handshake', (h) => {
              pingIntervalMs = h.pingInterval;
            });
          }
        },
      });
      socket.on('disconnect', () => {
        disconnects++;
      });
      sockets.push(socket);
    } catch (err) {
      failed++;
      const key = err instanceof Error ? err.message : String(err);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  });
  return {
    type: 'connected',
    ready: sockets.length,
    failed,
    errors: [...errors].slice(0, 5).map(([k, n]) => `${n}x ${k}`),
    ms: Math.round(performance.now() - t0),
    pingIntervalMs,
    fdLimit: /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 'unknown',
  };
}

const reply = workerChannel<IdleCommand, IdleReply>(async (c) => {
  switch (c.type) {
    case 'sessions':
      reply(await sessions(c));
      return;
    case 'connect':
      reply(await connectAll(c));
      return;
    case 'pings':
      reply({ type: 'pingCount', pings, open: sockets.filter((s) => s.connected).length, disconnects });
      return;
    case 'close':
      for (const s of sockets) s.disconnect();
      reply({ type: 'closed' });
      setTimeout(() => process.exit(0), 200);
      return;
  }
});
