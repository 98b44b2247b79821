/**
 * Phase 3 of `npm run bench:live`: chat-only viewers (widget sessions with customer sockets) join a live room
 * through the realtime gateway (`live:join`); each join is timed to the `live:viewer` event on the host's socket.
 */
import { rmSync } from 'node:fs';
import { CSRF_HEADER, type LiveViewerEvent } from '@warmdesk/protocol';
import { connectSocket, type TestSocket } from '../../apps/server/test/sockets.js';
import { REPO } from '../messaging/config.js';
import { BenchServer, benchDataDir } from '../messaging/server.js';

const JOINS_PER_SECOND = Number(process.env.LIVE_JOINS_PER_SECOND ?? 100);
const CONNECT_BATCH = 50;

const log = (msg: string) => process.stderr.write(`[bench:live] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function json<T>(url: string, init: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export async function measureJoins(count: number) {
  const dataDir = benchDataDir('warmdesk-bench-live-');
  const server = await BenchServer.onLoopback(
    REPO,
    dataDir,
    {
      SERVICES: 'api,realtime,worker',
      WARMDESK_RATE_LIMIT_PER_MINUTE: '100000000',
      WARMDESK_WIDGET_SESSIONS_PER_MINUTE: '10000000',
      WARMDESK_SOCKET_CONNECTS_PER_MINUTE: '10000000',
      WARMDESK_LOGINS_PER_MINUTE: '100000',
      WARMDESK_SOCKET_MESSAGES_PER_SECOND: '1000',
    },
    65_536,
  );
  const sockets: TestSocket[] = [];
  try {
    const seed = (await server.seed()) as Awaited<ReturnType<BenchServer['seed']>> & {
      admin: { email: string; password: string };
    };
    const login = await json<{ csrfToken: string }>(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(seed.admin),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const staffHeaders = { 'content-type': 'application/json', cookie, [CSRF_HEADER]: login.body.csrfToken };
    const created = await json<{ id: string }>(`${server.url}/api/v1/live/rooms`, {
      method: 'POST',
      headers: staffHeaders,
      body: JSON.stringify({ title: 'Bench room', inboxId: seed.inboxId }),
    });
    if (created.status !== 201)
      throw new Error(`room create failed: ${created.status} ${JSON.stringify(created.body)}`);
    const roomId = created.body.id;
    const { 'content-type': _json, ...noBody } = staffHeaders;
    const started = await json(`${server.url}/api/v1/live/rooms/${roomId}/start`, { method: 'POST', headers: noBody });
    if (started.status !== 200) throw new Error(`room start failed: ${started.status}`);

    const host = await connectSocket(server.url, 'agent', {}, { cookie });
    sockets.push(host);
    const seen = new Map<string, number>();
    host.on('live:viewer', (e: LiveViewerEvent) => {
      if (e.kind === 'join' && !seen.has(e.viewer.contactId)) seen.set(e.viewer.contactId, performance.now());
    });
    const hostJoin = await host.timeout(10_000).emitWithAck('live:join', { roomId });
    if (!hostJoin.ok) throw new Error(`host join failed: ${hostJoin.error.message}`);

    log(`  connecting ${count} customer sockets`);
    const viewers: { contactId: string; socket: TestSocket }[] = [];
    for (let i = 0; i < count; i += CONNECT_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, async () => {
          const session = await json<{ sessionToken: string; contactId: string }>(
            `${server.url}/api/v1/widget/sessions`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ inboxKey: seed.inboxKey }),
            },
          );
          if (session.status !== 200) throw new Error(`widget session failed: ${session.status}`);
          const socket = await connectSocket(server.url, 'customer', { sessionToken: session.body.sessionToken });
          sockets.push(socket);
          return { contactId: session.body.contactId, socket };
        }),
      );
      viewers.push(...batch);
    }

    log(`  ${count} joins at ${JOINS_PER_SECOND}/s`);
    const sentAt = new Map<string, number>();
    let failed = 0;
    const gap = 1000 / JOINS_PER_SECOND;
    const t0 = performance.now();
    for (const [i, v] of viewers.entries()) {
      const wait = t0 + i * gap - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt.set(v.contactId, performance.now());
      v.socket
        .timeout(10_000)
        .emitWithAck('live:join', { roomId })
        .then(
          (ack) => {
            if (!ack.ok) failed++;
          },
          () => failed++,
        );
    }
    for (let i = 0; i < 100 && seen.size < viewers.length; i++) await sleep(100);
    const latencies = viewers
      .map((v) => {
        const at = seen.get(v.contactId);
        const sent = sentAt.get(v.contactId);
        return at !== undefined && sent !== undefined ? at - sent : undefined;
      })
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b);
    const pick = (p: number) =>
      latencies.length
        ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0)
        : null;
    return {
      joinP50Ms: pick(0.5),
      joinP99Ms: pick(0.99),
      joinsSeenByHost: latencies.length,
      joinsFailed: failed,
      joinViewers: count,
      joinsPerSecond: JOINS_PER_SECOND,
    };
  } finally {
    for (const s of sockets) s.close();
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
