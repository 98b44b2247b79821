import { readdirSync, readFileSync } from 'node:fs';
import type { Message } from '@warmdesk/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { agentSocket, demoCustomer } from '../../../test/demo-clients.js';
import { demoFrom, postgresPids, processTracker, startProcess, tempDataDir } from '../../../test/process.js';
import { collect, send, type TestSocket, until } from '../../../test/sockets.js';

const { dirs, running, cleanup } = processTracker();
const sockets: TestSocket[] = [];
afterAll(() => {
  for (const s of sockets) s.close();
  cleanup();
});

/** The worker a socket landed on, from its Engine.IO session id (`w<index>.`). */
const workerOf = (socket: TestSocket) => /^w(\d+)\./.exec(socket.io.engine.id ?? '')?.[1];

function workerPids(primary: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === primary && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('warmdesk.js');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const texts = (got: Message[], conversationId: string) =>
  got.filter((m) => m.conversationId === conversationId).map((m) => m.content);

describe('WARMDESK_WORKERS=2 on the embedded default', () => {
  it('serves through both workers: events cross them, a long-polling customer is served whole, a killed worker comes back', async () => {
    const { dir, env } = await tempDataDir();
    dirs.push(dir);
    const server = await startProcess({ ...env, WARMDESK_WORKERS: '2', WARMDESK_LOG_LEVEL: 'info' });
    running.push(server);
    expect(server.output()).toContain('2 server workers');
    const primary = server.proc.pid ?? 0;
    expect(workerPids(primary)).toHaveLength(2);
    const demo = demoFrom(server.output());
    const agent = await agentSocket(demo, server.url, server.url, sockets);
    const atAgent = collect(agent);

    // Customers until one is on the other worker than the agent: the kernel picks the worker of each connection.
    const customers: { socket: TestSocket; conversationId: string; transport: string }[] = [];
    for (let i = 0; i < 30 && !customers.some((c) => workerOf(c.socket) !== workerOf(agent)); i++) {
      const polling = i % 2 === 0;
      const customer = await demoCustomer(demo, server.url, sockets, polling ? ['polling'] : ['websocket']);
      customers.push({
        socket: customer.socket,
        conversationId: await customer.open(),
        transport: polling ? 'polling' : 'websocket',
      });
    }
    expect(new Set([agent, ...customers.map((c) => c.socket)].map(workerOf)).size).toBe(2);
    // one more on long-polling, whatever the worker: its requests go to both and must reach its own
    const longPoller = await demoCustomer(demo, server.url, sockets, ['polling']);
    customers.push({ socket: longPoller.socket, conversationId: await longPoller.open(), transport: 'polling' });

    for (const [i, c] of customers.entries()) {
      const atCustomer = collect(c.socket);
      expect((await send(c.socket, c.conversationId, `question ${i} over ${c.transport}`)).ok).toBe(true);
      await until(() => texts(atAgent, c.conversationId).includes(`question ${i} over ${c.transport}`), 10_000);
      expect((await send(agent, c.conversationId, `answer ${i}`)).ok).toBe(true);
      await until(() => texts(atCustomer, c.conversationId).includes(`answer ${i}`), 10_000);
    }
    for (const c of customers.filter((x) => x.transport === 'polling')) {
      expect(c.socket.io.engine.transport.name).toBe('polling');
    }

    // A worker that dies is started again, and the product keeps serving through the port.
    const [victim] = workerPids(primary);
    process.kill(victim ?? 0, 'SIGKILL');
    await until(() => server.output().includes('a server worker exited; starting it again'), 10_000);
    await until(() => workerPids(primary).length === 2 && !workerPids(primary).includes(victim ?? 0), 10_000);
    await until(() => server.output().split('realtime adapter: between the workers').length - 1 === 3, 60_000);
    const after = await agentSocket(demo, server.url, server.url, sockets);
    const atAfter = collect(after);
    const late = await demoCustomer(demo, server.url, sockets);
    const lateConversation = await late.open();
    expect((await send(late.socket, lateConversation, 'still there?')).ok).toBe(true);
    await until(() => texts(atAfter, lateConversation).includes('still there?'), 10_000);

    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(workerPids(primary)).toEqual([]);
    expect(postgresPids(dir)).toEqual([]);
  }, 150_000);
});
