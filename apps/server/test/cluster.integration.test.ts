import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Conversation, Message } from '@warmdesk/protocol';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callingCustomer, callOf, emitCall, startCall } from './call-helpers.js';
import { agentSocket, demoCustomer } from './demo-clients.js';
import { freePort } from './global-setup.js';
import { createTestDatabase, startTestServer } from './harness.js';
import { type Demo, demoFrom, processTracker, type ServerProcess, startProcess, tempDataDir } from './process.js';
import { collect, send, type TestSocket, until } from './sockets.js';

/**
 * Cluster mode (docs/operations.md): several real server processes on one PostgreSQL database and one Redis.
 * Needs a reachable Redis (`WARMDESK_TEST_REDIS_URL`, default the machine's 127.0.0.1:6379) and `redis-server`
 * for the outage test; runs with `npm run test:cluster`, not in `npm test`.
 */
const REDIS_URL = process.env.WARMDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = randomBytes(24).toString('hex');

const tracker = processTracker();
const sockets: TestSocket[] = [];
const drops: (() => Promise<void>)[] = [];
const redisServers: ChildProcess[] = [];

afterAll(async () => {
  for (const s of sockets) s.close();
  tracker.cleanup();
  for (const r of redisServers) r.kill('SIGKILL');
  for (const drop of drops) await drop();
});

/** Starts `count` processes, one after the other, on one fresh database, sharing the session secret and Redis. */
async function cluster(count: number, redisUrl: string): Promise<{ nodes: ServerProcess[]; demo: Demo }> {
  const db = await createTestDatabase();
  drops.push(db.drop);
  const prefix = `wdtest-${randomBytes(5).toString('hex')}`;
  const nodes: ServerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const { dir, env } = await tempDataDir();
    tracker.dirs.push(dir);
    const node = await startProcess({
      ...env,
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      WARMDESK_REDIS_PREFIX: prefix,
      WARMDESK_SESSION_SECRET: SECRET,
      WARMDESK_LOG_LEVEL: 'info',
    });
    tracker.running.push(node);
    nodes.push(node);
  }
  const first = nodes[0];
  if (!first) throw new Error('no node');
  return { nodes, demo: demoFrom(first.output()) };
}

function updates(socket: TestSocket): Conversation[] {
  const got: Conversation[] = [];
  socket.on('conversation:updated', (c) => got.push(c));
  return got;
}

const restored = (node: ServerProcess) => node.output().split('Redis connection restored').length - 1;

const contents = (got: Message[], conversationId: string, sender?: Message['sender']['type']) =>
  got.filter((m) => m.conversationId === conversationId && (!sender || m.sender.type === sender)).map((m) => m.content);

describe('cluster mode: two processes, one database, one Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let demo: Demo;
  beforeAll(async () => {
    const c = await cluster(2, REDIS_URL);
    [a, b] = c.nodes as [ServerProcess, ServerProcess];
    demo = c.demo;
  });

  it('an agent on process A sees what a customer does through process B', async () => {
    // signed in through B, connected to A: every node accepts the sessions of the others
    const agent = await agentSocket(demo, b.url, a.url, sockets);
    const messages = collect(agent);
    const changed = updates(agent);
    const visitor = await demoCustomer(demo, b.url, sockets);
    const conversationId = await visitor.open();
    await until(() => changed.some((c) => c.id === conversationId), 10_000);

    const sent = await send(visitor.socket, conversationId, '你好，我的订单还没到');
    expect(sent.ok).toBe(true);
    // Routing may assign the conversation to this agent meanwhile: its private event line comes too.
    const fromCustomer = () => contents(messages, conversationId, 'contact');
    await until(() => fromCustomer().length === 1, 10_000);
    expect(fromCustomer()).toEqual(['你好，我的订单还没到']);

    // and the other way: the agent's reply through A reaches the customer on B
    const atCustomer = collect(visitor.socket);
    const reply = await send(agent, conversationId, 'Hi! Let me check.');
    expect(reply.ok).toBe(true);
    await until(() => contents(atCustomer, conversationId).includes('Hi! Let me check.'), 10_000);
  });

  it('relays a call across processes: the agent on A calls, the customer on B answers, signals cross both ways', async () => {
    const agent = await agentSocket(demo, a.url, a.url, sockets);
    const visitor = await callingCustomer(b, demo.inboxKey);
    sockets.push(visitor.socket);
    const started = callOf(await startCall(agent, visitor.conversationId, 'video'));
    expect(started.state).toBe('ringing');
    await visitor.calls.until(started.id, 'ringing', 10_000);

    const accepted = callOf(await emitCall(visitor.socket, 'call:accept', { callId: started.id, media: 'video' }));
    expect(accepted.state).toBe('active');
    const signals: string[] = [];
    agent.on('call:signal', (s) => signals.push(s.callId));

    const offer = { type: 'offer' as const, sdp: 'v=0 offer' };
    expect((await emitCall(agent, 'call:signal', { callId: started.id, description: offer })).ok).toBe(true);
    await until(() => visitor.calls.signals.some((s) => s.callId === started.id), 10_000);
    const answer = { type: 'answer' as const, sdp: 'v=0 answer' };
    expect((await emitCall(visitor.socket, 'call:signal', { callId: started.id, description: answer })).ok).toBe(true);
    await until(() => signals.includes(started.id), 10_000);

    expect(callOf(await emitCall(visitor.socket, 'call:hangup', { callId: started.id })).state).toBe('ended');
  });

  it('says once which realtime adapter it uses, and has no Redis trouble to report', () => {
    for (const node of [a, b]) {
      expect(node.output().split('realtime adapter: Redis (cluster mode)').length - 1).toBe(1);
      expect(node.output()).not.toContain('in-process');
      expect(node.output()).not.toContain('Redis unreachable');
    }
  });
});

describe('cluster mode when Redis is down', () => {
  it('starts without Redis, says so, and still serves the sockets on its own process', async () => {
    const { nodes, demo } = await cluster(1, `redis://127.0.0.1:${await freePort()}`);
    const [node] = nodes as [ServerProcess];
    const agent = await agentSocket(demo, node.url, node.url, sockets);
    const messages = collect(agent);
    const visitor = await demoCustomer(demo, node.url, sockets);
    const conversationId = await visitor.open();
    expect((await send(visitor.socket, conversationId, 'anyone there?')).ok).toBe(true);
    await until(() => contents(messages, conversationId).length === 1, 10_000);
    expect(node.output()).toContain('Redis unreachable');
  });

  it('keeps serving through a Redis outage, and processes reach each other again when it is back', async () => {
    const port = await freePort();
    const startRedis = async () => {
      const r = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      redisServers.push(r);
      await until(() => r.exitCode === null && r.pid !== undefined, 5_000);
      return r;
    };
    let redis = await startRedis();
    const { nodes, demo } = await cluster(2, `redis://127.0.0.1:${port}`);
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const agentOnA = await agentSocket(demo, a.url, a.url, sockets);
    const agentOnB = await agentSocket(demo, b.url, b.url, sockets);
    const atA = collect(agentOnA);
    const atB = collect(agentOnB);
    const visitor = await demoCustomer(demo, b.url, sockets);
    const conversationId = await visitor.open();
    expect((await send(visitor.socket, conversationId, 'before')).ok).toBe(true);
    await until(() => contents(atA, conversationId).includes('before'), 10_000);

    redis.kill('SIGKILL');
    await until(() => a.output().includes('Redis unreachable') && b.output().includes('Redis unreachable'), 10_000);
    expect((await send(visitor.socket, conversationId, 'during')).ok).toBe(true);
    await until(() => contents(atB, conversationId).includes('during'), 10_000);

    redis = await startRedis();
    // both connections (publish and subscribe) of both processes come back by themselves
    await until(() => restored(a) === 2 && restored(b) === 2, 20_000);
    // the subscriptions are restored too: messages cross processes again
    const deadline = Date.now() + 10_000;
    for (let i = 0; !contents(atA, conversationId).some((c) => c.startsWith('after')); i++) {
      if (Date.now() > deadline) throw new Error('no message crossed processes after Redis came back');
      expect((await send(visitor.socket, conversationId, `after ${i}`)).ok).toBe(true);
      await until(() => contents(atA, conversationId).includes(`after ${i}`), 1_000).catch(() => undefined);
    }
    for (const node of [a, b]) expect(node.proc.exitCode).toBeNull();
  });
});

describe('shutting down in cluster mode', () => {
  it('closes its Redis connections', async () => {
    const prefix = `wdtest-${randomBytes(5).toString('hex')}`;
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    const ours = async () =>
      (await admin.clientList())
        .filter((c) => c.name.startsWith(`${prefix}:`))
        .map((c) => c.name)
        .sort();
    try {
      const server = await startTestServer({ REDIS_URL, WARMDESK_REDIS_PREFIX: prefix });
      try {
        let names = await ours();
        for (let i = 0; names.length < 2 && i < 100; i++) {
          await new Promise((r) => setTimeout(r, 50));
          names = await ours();
        }
        expect(names).toEqual([`${prefix}:pub`, `${prefix}:sub`]);
      } finally {
        await server.stop();
      }
      expect(await ours()).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
