/**
 * Simulated agents (one process, several agents): each signs in, opens the agent socket as the agent app does
 * (account-wide changes in `conversations:updated` batches, its own conversations also one by one), and on a
 * change assigning an open conversation to them that they have not handled: replies, waits a random handle
 * time, resolves it over REST. Reports what each agent believed was theirs and when.
 */
import { randomUUID } from 'node:crypto';
import type { Conversation } from '@warmdesk/protocol';
import { workerChannel } from '../messaging/ipc.js';
import { log, sleep } from '../messaging/stats.js';
import { epochMs } from './config.js';
import { type Login, login, request } from './http.js';
import type { AgentCommand, AgentReply, Handled } from './ipc.js';
import { RawSocket } from './raw-socket.js';

/**
 * `socket` settles once connected; an assignment may arrive before the `ready` event resolves it. `holding`: the
 * conversations in `handled` the agent still believes are theirs (`to` not set).
 */
type Agent = { login: Login; socket: Promise<RawSocket>; handled: Map<string, Handled>; holding: Set<string> };

const ACK_TIMEOUT_MS = 15_000;
const agents: Agent[] = [];
let baseUrl = '';
let handleMinMs = 2000;
let handleMaxMs = 6000;
let busy = 0;
let disconnects = 0;
let updatesSeen = 0;
let closing = false;

const isOpen = (c: Conversation) => c.status === 'open' || c.status === 'pending';

async function handle(agent: Agent, h: Handled): Promise<void> {
  busy++;
  try {
    const clientMsgId = randomUUID();
    try {
      const socket = await agent.socket;
      const res = await socket.emitWithAck(
        'message:send',
        { conversationId: h.conversationId, clientMsgId, content: '您好，我来帮您 / Hi, on it' },
        ACK_TIMEOUT_MS,
      );
      if (res.ok) h.replyClientMsgId = clientMsgId;
      else h.replyError = res.error.code;
    } catch (err) {
      h.replyError = err instanceof Error ? err.message : 'ack_failed';
    }
    await sleep(handleMinMs + Math.random() * (handleMaxMs - handleMinMs));
    if (closing || h.takenAway) return;
    try {
      await request(
        'PATCH',
        `${baseUrl}/api/v1/conversations/${h.conversationId}`,
        { status: 'resolved' },
        agent.login.headers,
        { attempts: 3, timeoutMs: 15_000 },
      );
      h.resolved = true;
    } catch (err) {
      h.resolveError = err instanceof Error ? err.message.slice(0, 200) : String(err);
    }
  } finally {
    h.to ??= epochMs();
    agent.holding.delete(h.conversationId);
    busy--;
  }
}

/**
 * Every agent socket receives every change of the account in batches, and its own conversations' changes one by
 * one as well. Only frames that can change what it does (`onUpdated`) are parsed: a single change naming this
 * agent or a conversation it holds, a batch naming a conversation it holds (taken away by someone else).
 */
function concerns(agent: Agent, frame: string): boolean {
  const batch = frame.startsWith('["conversations:updated"');
  if (batch || frame.startsWith('["conversation:updated"')) updatesSeen++;
  if (!batch && frame.includes(agent.login.userId)) return true;
  for (const id of agent.holding) if (frame.includes(id)) return true;
  return false;
}

function onUpdated(agent: Agent, c: Conversation): void {
  const me = agent.login.userId;
  const mine = c.assignee?.type === 'user' && c.assignee.id === me;
  const held = agent.handled.get(c.id);
  if (held) {
    if (held.to === null && !mine && c.assignee !== null && isOpen(c)) {
      held.to = epochMs();
      held.takenAway = true;
      agent.holding.delete(c.id);
    }
    return;
  }
  if (!mine || !isOpen(c) || closing) return;
  const h: Handled = {
    conversationId: c.id,
    agentId: me,
    from: epochMs(),
    to: null,
    replyClientMsgId: null,
    replyError: null,
    resolved: false,
    resolveError: null,
    takenAway: false,
  };
  agent.handled.set(c.id, h);
  agent.holding.add(c.id);
  void handle(agent, h);
}

async function setup(c: Extract<AgentCommand, { type: 'setup' }>): Promise<AgentReply> {
  const t0 = epochMs();
  baseUrl = c.baseUrl;
  handleMinMs = c.handleMinMs;
  handleMaxMs = c.handleMaxMs;
  for (const a of c.agents) {
    const session = await login(baseUrl, a.email, a.password);
    if (session.userId !== a.userId) throw new Error(`${a.email} signed in as ${session.userId}, expected ${a.userId}`);
    let agent: Agent | undefined;
    const socket = RawSocket.connect(baseUrl, {
      namespace: '/agent',
      auth: { conversationUpdates: 'batched' },
      headers: { cookie: session.cookie },
      timeoutMs: 20_000,
      setup: (s) =>
        s
          .on('conversation:updated', (conv) => agent && onUpdated(agent, conv))
          .on('conversations:updated', (convs) => {
            for (const conv of convs) if (agent) onUpdated(agent, conv);
          }),
      accept: (frame) => agent !== undefined && concerns(agent, frame),
    });
    agent = { login: session, socket, handled: new Map(), holding: new Set() };
    (await socket).onDisconnect((reason) => {
      if (closing) return;
      disconnects++;
      log('agent', `${a.email} disconnected: ${reason}`);
    });
    agents.push(agent);
  }
  return { type: 'setupDone', agents: agents.length, ms: Math.round(epochMs() - t0) };
}

const reply = workerChannel<AgentCommand, AgentReply>(async (c) => {
  switch (c.type) {
    case 'setup':
      reply(await setup(c));
      return;
    case 'status':
      reply({
        type: 'status',
        busy,
        handled: agents.reduce((n, a) => n + a.handled.size, 0),
        disconnects,
      });
      return;
    case 'report': {
      const cpu = process.cpuUsage();
      reply({
        type: 'report',
        handled: agents.flatMap((a) => [...a.handled.values()]),
        disconnects,
        updatesSeen,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      });
      return;
    }
    case 'close':
      closing = true;
      for (const a of agents) void a.socket.then((s) => s.disconnect()).catch(() => {});
      reply({ type: 'closed' });
      setTimeout(() => process.exit(0), 100);
      return;
  }
});
