import { CSRF_HEADER, type LiveRoom, type LiveViewerEvent } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { processTracker, startProcess, tempDataDir } from '../../apps/server/test/process.js';
import { connectSocket, type TestSocket } from '../../apps/server/test/sockets.js';

/**
 * Join feed latency of a live room: `VIEWERS` (default 1,000) chat-only viewers join one room at `JOINS_PER_S`
 * (default 200/s) while some of them chat; each join is timed from the viewer's `live:join` to the host's
 * `live:viewer` (the staff join feed). The server runs as a real child process (embedded PostgreSQL, no SFU), the
 * clients in this one. Prints one JSON line: {viewers, joinsPerSecond, joinP50Ms, joinP95Ms, joinP99Ms, joinMaxMs,
 * missing, chatAcks}.
 */
const VIEWERS = Number(process.env.VIEWERS ?? 1000);
const JOINS_PER_S = Number(process.env.JOINS_PER_S ?? 200);
const CONCURRENCY = 50;

/** Signs in; returns a JSON client carrying the session cookie and CSRF header. */
async function loginAs(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, http: json(base, { cookie, [CSRF_HEADER]: csrfToken }) };
}

function json(base: string, headers: Record<string, string> = {}) {
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

async function main(): Promise<void> {
  const tracker = processTracker();
  const sockets: TestSocket[] = [];
  try {
    const { dir, env } = await tempDataDir();
    tracker.dirs.push(dir);
    const server = await startProcess({ ...env, SERVICES: 'api,realtime,worker', WARMDESK_LOG_LEVEL: 'error' });
    tracker.running.push(server);
    const banner = server.output();
    const key = /Demo web-widget inbox key: (\S+)/.exec(banner)?.[1];
    const agentLine = /^\s+agent\s+(\S+@\S+)\s+(\S+)$/m.exec(banner);
    if (!key || !agentLine?.[1] || !agentLine[2]) throw new Error('no demo logins in the banner');
    const agent = await loginAs(server.url, agentLine[1], agentLine[2]);
    const inboxes = await agent.http<{ items: { id: string; publicKey: string }[] }>('GET', '/api/v1/inboxes');
    const inbox = inboxes.body.items.find((i) => i.publicKey === key);
    if (!inbox) throw new Error('demo inbox not found');
    const created = await agent.http<LiveRoom>('POST', '/api/v1/live/rooms', { title: 'bench', inboxId: inbox.id });
    await agent.http('POST', `/api/v1/live/rooms/${created.body.id}/start`);
    const roomId = created.body.id;

    const host = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
    sockets.push(host);
    const seen = new Map<string, number>();
    host.on('live:viewer', (e: LiveViewerEvent) => {
      if (e.kind === 'join') seen.set(e.viewer.contactId, Date.now());
    });
    const joined = await host.timeout(10_000).emitWithAck('live:join', { roomId });
    if (!joined.ok) throw new Error(`host join failed: ${joined.error.code}`);

    const anon = json(server.url);
    const viewers = await pool(VIEWERS, async () => {
      const s = await anon<{ sessionToken: string; contactId: string }>('POST', '/api/v1/widget/sessions', {
        inboxKey: key,
      });
      const socket = await connectSocket(server.url, 'customer', { sessionToken: s.body.sessionToken });
      sockets.push(socket);
      return { contactId: s.body.contactId, socket };
    });

    const sentAt = new Map<string, number>();
    let chatAcks = 0;
    const gap = 1000 / JOINS_PER_S;
    const start = Date.now();
    const pending: Promise<unknown>[] = [];
    for (const [i, v] of viewers.entries()) {
      const due = start + i * gap;
      if (due > Date.now()) await sleep(due - Date.now());
      sentAt.set(v.contactId, Date.now());
      pending.push(
        v.socket
          .timeout(30_000)
          .emitWithAck('live:join', { roomId })
          .then(async (res) => {
            // One viewer in ten says something once it is in.
            if (!res.ok || i % 10 !== 0) return;
            const sent = await v.socket
              .timeout(30_000)
              .emitWithAck('live:chat', { roomId, clientMsgId: uuidv7(), body: `hello ${i}` });
            if (sent.ok) chatAcks++;
          }),
      );
    }
    await Promise.allSettled(pending);
    const deadline = Date.now() + 10_000;
    while (seen.size < VIEWERS && Date.now() < deadline) await sleep(50);
    const latencies = viewers
      .map((v) => {
        const at = seen.get(v.contactId);
        const sent = sentAt.get(v.contactId);
        return at !== undefined && sent !== undefined ? at - sent : undefined;
      })
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        viewers: VIEWERS,
        joinsPerSecond: JOINS_PER_S,
        joinP50Ms: pct(latencies, 50),
        joinP95Ms: pct(latencies, 95),
        joinP99Ms: pct(latencies, 99),
        joinMaxMs: latencies.at(-1) ?? null,
        missing: VIEWERS - latencies.length,
        chatAcks,
      }),
    );
  } finally {
    for (const s of sockets) s.close();
    tracker.cleanup();
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 500).unref());
