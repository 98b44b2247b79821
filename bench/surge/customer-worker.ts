/**
 * Arriving customers (one process, a share of the surge): at its arrival time each creates a widget session,
 * opens the customer socket, creates a conversation and sends one message with ack. It records when it first saw
 * a queue position or an assignee, when an agent's reply arrived and when the conversation was resolved.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Conversation, Message, WidgetSession } from '@warmdesk/protocol';
import { workerChannel } from '../messaging/ipc.js';
import { sleep } from '../messaging/stats.js';
import { epochMs } from './config.js';
import { request } from './http.js';
import type { CustomerCommand, CustomerRecord, CustomerReply } from './ipc.js';
import { RawSocket } from './raw-socket.js';

const ACK_TIMEOUT_MS = 15_000;
const SESSION_HEADER = 'x-warmdesk-session';
/** The pacer gives up starting arrivals this long after the last one was due (a stalled server). */
const PACER_OVERRUN_MS = 120_000;

const records: CustomerRecord[] = [];
const sockets = new Set<RawSocket>();
const loop = monitorEventLoopDelay({ resolution: 10 });
let closing = false;
let setupsInFlight = 0;

function listen(socket: RawSocket, rec: CustomerRecord): void {
  socket.on('queue:update', (u) => {
    if (u.conversationId !== rec.conversationId || u.position === null || rec.firstQueueAt !== null) return;
    rec.firstQueueAt = epochMs();
    rec.firstPosition = u.position;
  });
  socket.on('conversation:updated', (c: Conversation) => {
    if (c.id !== rec.conversationId) return;
    if (c.assignee && rec.assignedAt === null) {
      rec.assignedAt = epochMs();
      rec.assigneeId = c.assignee.id;
    }
    if (c.status === 'resolved' && rec.resolvedAt === null) {
      rec.resolvedAt = epochMs();
      if (rec.replyAt !== null) leave(socket);
    }
  });
  socket.on('message:new', (m: Message) => {
    if (m.conversationId !== rec.conversationId || m.sender.type !== 'user' || rec.replyAt !== null) return;
    rec.replyAt = epochMs();
    rec.replyClientMsgId = m.clientMsgId ?? null;
    if (rec.resolvedAt !== null) leave(socket);
  });
  socket.onDisconnect(() => {
    if (!closing && sockets.has(socket)) rec.dropped = true;
    sockets.delete(socket);
  });
}

/** Done: the customer closes the page. */
function leave(socket: RawSocket): void {
  sockets.delete(socket);
  socket.disconnect();
}

async function arrive(c: Extract<CustomerCommand, { type: 'start' }>, rec: CustomerRecord): Promise<void> {
  let socket: RawSocket;
  let conversationId: string;
  setupsInFlight++;
  try {
    const session = await request<WidgetSession>('POST', `${c.baseUrl}/api/v1/widget/sessions`, {
      inboxKey: c.inboxKey,
    });
    rec.sessionAt = epochMs();
    socket = await RawSocket.connect(c.baseUrl, {
      namespace: '/customer',
      auth: { sessionToken: session.body.sessionToken },
      timeoutMs: 20_000,
      setup: (s) => {
        rec.handshake = s.times;
        listen(s, rec);
      },
    });
    sockets.add(socket);
    rec.connectedAt = epochMs();
    const conversation = await request<Conversation>(
      'POST',
      `${c.baseUrl}/api/v1/widget/conversations`,
      {},
      { [SESSION_HEADER]: session.body.sessionToken },
    );
    conversationId = conversation.body.id;
    rec.conversationId = conversationId;
  } catch (err) {
    rec.setupError = err instanceof Error ? err.message.slice(0, 200) : String(err);
    return;
  } finally {
    setupsInFlight--;
  }
  const clientMsgId = randomUUID();
  rec.clientMsgId = clientMsgId;
  rec.sentAt = epochMs();
  try {
    const res = await socket.emitWithAck(
      'message:send',
      { conversationId, clientMsgId, content: '在吗？双十一的订单 / Hello?' },
      ACK_TIMEOUT_MS,
    );
    rec.ackAt = epochMs();
    if (!res.ok) rec.ackError = res.error.code;
  } catch (err) {
    rec.ackError = err instanceof Error ? err.message : 'ack_failed';
  }
}

/** Starts each arrival at its time (later when `maxSetupsInFlight` setups are still running). */
async function pace(c: Extract<CustomerCommand, { type: 'start' }>): Promise<void> {
  const last = c.arrivals.at(-1) ?? epochMs();
  let next = 0;
  while (next < c.arrivals.length && !closing && epochMs() < last + PACER_OVERRUN_MS) {
    const now = epochMs();
    while (next < c.arrivals.length && (c.arrivals[next] ?? 0) <= now && setupsInFlight < c.maxSetupsInFlight) {
      const rec: CustomerRecord = {
        scheduledAt: c.arrivals[next] ?? now,
        startedAt: now,
        sessionAt: null,
        connectedAt: null,
        handshake: null,
        conversationId: null,
        setupError: null,
        clientMsgId: null,
        sentAt: null,
        ackAt: null,
        ackError: null,
        firstQueueAt: null,
        firstPosition: null,
        assignedAt: null,
        assigneeId: null,
        replyAt: null,
        replyClientMsgId: null,
        resolvedAt: null,
        dropped: false,
      };
      records.push(rec);
      void arrive(c, rec);
      next++;
    }
    const wait = (c.arrivals[next] ?? now) - epochMs();
    await sleep(Math.max(2, Math.min(50, wait)));
  }
}

function status(): Extract<CustomerReply, { type: 'status' }> {
  const count = (f: (r: CustomerRecord) => boolean) => records.reduce((n, r) => n + (f(r) ? 1 : 0), 0);
  return {
    type: 'status',
    arrived: records.length,
    sent: count((r) => r.sentAt !== null),
    acked: count((r) => r.ackAt !== null && r.ackError === null),
    assigned: count((r) => r.assignedAt !== null),
    replied: count((r) => r.replyAt !== null),
    resolved: count((r) => r.resolvedAt !== null),
    failed: count((r) => r.setupError !== null || r.ackError !== null),
  };
}

const reply = workerChannel<CustomerCommand, CustomerReply>(async (c) => {
  switch (c.type) {
    case 'start':
      loop.enable();
      void pace(c);
      reply({ type: 'started' });
      return;
    case 'status':
      reply(status());
      return;
    case 'report': {
      const cpu = process.cpuUsage();
      reply({
        type: 'report',
        records,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        loopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
      });
      return;
    }
    case 'close':
      closing = true;
      for (const s of sockets) s.disconnect();
      reply({ type: 'closed' });
      setTimeout(() => process.exit(0), 100);
      return;
  }
});
