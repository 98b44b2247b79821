/**
 * Throughput/latency load: N customers (one conversation each) send at a controlled aggregate rate; agent sockets
 * receive each message (`message:new`) and reply into its conversation. Every message is timed from its send to its
 * arrival at the other party. Runs in its own process, started by run.ts.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Ack, Message } from '@warmdesk/protocol';
import { connect, createSession, startConversation, type WdSocket } from './clients.js';
import { type LoadCommand, type LoadReply, type StepResult, workerChannel } from './ipc.js';
import { log, mapLimit, percentile, round, sleep } from './stats.js';

type Direction = 'c2a' | 'a2c';
type Rec = { dir: Direction; step: number; sentAt: number; ackMs?: number; ackError?: string; deliveredAt?: number };
type Customer = { socket: WdSocket; conversationId: string };

const ACK_TIMEOUT_MS = 10_000;
const PADDING = ' lorem ipsum dolor sit amet, consectetur adipiscing elit';

const records = new Map<string, Rec>();
const customers: Customer[] = [];
const agents: WdSocket[] = [];
const agentOf = new Map<string, number>();
let stepId = 0;
let closing = false;
let counter = 0;

const content = (who: string) => `${who} ${++counter}${PADDING}`;

function send(socket: WdSocket, dir: Direction, step: number, conversationId: string): void {
  const clientMsgId = randomUUID();
  const rec: Rec = { dir, step, sentAt: performance.now() };
  records.set(clientMsgId, rec);
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit(
      'message:send',
      { conversationId, clientMsgId, content: content(dir === 'c2a' ? 'customer' : 'agent') },
      (err: Error | null, res: Ack<{ message: Message }>) => {
        rec.ackMs = performance.now() - rec.sentAt;
        if (err) rec.ackError = 'ack_timeout';
        else if (!res.ok) rec.ackError = res.error.code;
      },
    );
}

function onAgentMessage(agentIndex: number, m: Message): void {
  if (m.sender.type !== 'contact' || agentOf.get(m.conversationId) !== agentIndex || !m.clientMsgId) return;
  const rec = records.get(m.clientMsgId);
  if (rec?.dir !== 'c2a' || rec.deliveredAt !== undefined) return;
  rec.deliveredAt = performance.now();
  const agent = agents[agentIndex];
  if (agent) send(agent, 'a2c', rec.step, m.conversationId);
}

function onCustomerMessage(m: Message): void {
  if (m.sender.type !== 'user' || !m.clientMsgId) return;
  const rec = records.get(m.clientMsgId);
  if (rec && rec.dir === 'a2c' && rec.deliveredAt === undefined) rec.deliveredAt = performance.now();
}

async function setup(c: Extract<LoadCommand, { type: 'setup' }>): Promise<LoadReply> {
  const t0 = performance.now();
  for (let i = 0; i < c.agents; i++) {
    const index = i;
    agents.push(
      await connect(c.baseUrl, {
        namespace: '/agent',
        auth: { token: c.apiToken },
        timeoutMs: 20_000,
        setup: (s) => s.on('message:new', (m) => onAgentMessage(index, m)),
      }),
    );
  }
  const made = await mapLimit(Array.from({ length: c.customers }), 20, async (_, i) => {
    const session = await createSession(c.baseUrl, c.inboxKey);
    const conversation = await startConversation(c.baseUrl, session.sessionToken);
    const socket = await connect(c.baseUrl, {
      namespace: '/customer',
      auth: { sessionToken: session.sessionToken },
      timeoutMs: 20_000,
      setup: (s) => s.on('message:new', onCustomerMessage),
    });
    agentOf.set(conversation.id, i % c.agents);
    return { socket, conversationId: conversation.id };
  });
  customers.push(...made);
  // Like a workspace with conversations open: each agent watches the conversations it serves (not the whole account).
  for (let i = 0; i < agents.length; i++) {
    const mine = made.filter((x) => agentOf.get(x.conversationId) === i).map((x) => x.conversationId);
    for (let k = 0; k < mine.length; k += 200) {
      const res = await agents[i]
        ?.timeout(20_000)
        .emitWithAck('conversation:watch', { conversationIds: mine.slice(k, k + 200) });
      if (!res?.ok) throw new Error(`agent ${i} could not watch its conversations`);
    }
  }
  for (const s of [...agents, ...customers.map((x) => x.socket)]) {
    s.on('disconnect', (reason) => {
      if (!closing) log('load', `a socket disconnected: ${reason}`);
    });
  }
  return {
    type: 'setupDone',
    customers: customers.length,
    agents: agents.length,
    ms: Math.round(performance.now() - t0),
  };
}

/** Customers send `totalRate / 2` messages per second (agents answer each one) for `durationS`, then drain. */
async function step(c: Extract<LoadCommand, { type: 'step' }>): Promise<StepResult> {
  const id = ++stepId;
  const customerRate = c.totalRate / 2;
  const durationMs = c.durationS * 1000;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let sent = 0;
  let next = 0;
  // Paced by elapsed time, not by timer ticks: a late tick sends what is due, so the offered rate holds.
  while (performance.now() - start < durationMs) {
    const due = Math.min(Math.floor((customerRate * (performance.now() - start)) / 1000), customerRate * c.durationS);
    for (; sent < due; sent++) {
      const customer = customers[next++ % customers.length];
      if (customer) send(customer.socket, 'c2a', id, customer.conversationId);
    }
    await sleep(2);
  }
  const sendEnd = performance.now();
  const mine = () => [...records.values()].filter((r) => r.step === id);
  const pending = (r: Rec) => r.ackMs === undefined || (r.ackError === undefined && r.deliveredAt === undefined);
  const drainDeadline = sendEnd + c.graceS * 1000;
  while (performance.now() < drainDeadline && mine().some(pending)) await sleep(20);
  const drainMs = performance.now() - sendEnd;
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - start;
  loop.disable();

  const recs = mine();
  const latency = (dir?: Direction) =>
    recs
      .filter((r) => r.deliveredAt !== undefined && (dir === undefined || r.dir === dir))
      .map((r) => (r.deliveredAt ?? 0) - r.sentAt);
  const all = latency();
  const c2a = latency('c2a');
  const a2c = latency('a2c');
  const acks = recs.filter((r) => r.ackMs !== undefined && r.ackError === undefined).map((r) => r.ackMs ?? 0);
  const ackErrors: Record<string, number> = {};
  for (const r of recs) {
    const key = r.ackMs === undefined ? 'no_ack_within_grace' : r.ackError;
    if (key) ackErrors[key] = (ackErrors[key] ?? 0) + 1;
  }
  for (const [k, r] of records) if (r.step === id) records.delete(k);
  return {
    label: c.label,
    offeredRate: c.totalRate,
    durationS: c.durationS,
    customerSent: recs.filter((r) => r.dir === 'c2a').length,
    agentSent: recs.filter((r) => r.dir === 'a2c').length,
    acked: acks.length,
    ackFailed: recs.length - acks.length,
    ackErrors,
    delivered: all.length,
    lost: recs.filter((r) => r.ackMs !== undefined && r.ackError === undefined && r.deliveredAt === undefined).length,
    messagesPerSecond: round(all.length / c.durationS),
    p50DeliveredMs: round(percentile(all, 50)),
    p99DeliveredMs: round(percentile(all, 99)),
    maxDeliveredMs: round(percentile(all, 100)),
    p50CustomerToAgentMs: round(percentile(c2a, 50)),
    p99CustomerToAgentMs: round(percentile(c2a, 99)),
    p50AgentToCustomerMs: round(percentile(a2c, 50)),
    p99AgentToCustomerMs: round(percentile(a2c, 99)),
    p50AckMs: round(percentile(acks, 50)),
    p99AckMs: round(percentile(acks, 99)),
    drainMs: Math.round(drainMs),
    workerCpuPct: round(((cpu.user + cpu.system) / 1000 / wall) * 100),
    workerLoopDelayP99Ms: round(loop.percentile(99) / 1e6),
  };
}

const reply = workerChannel<LoadCommand, LoadReply>(async (c) => {
  switch (c.type) {
    case 'setup':
      reply(await setup(c));
      return;
    case 'step':
      reply({ type: 'stepDone', result: await step(c) });
      return;
    case 'close':
      closing = true;
      for (const s of [...agents, ...customers.map((x) => x.socket)]) s.disconnect();
      reply({ type: 'closed' });
      setTimeout(() => process.exit(0), 100);
      return;
  }
});
