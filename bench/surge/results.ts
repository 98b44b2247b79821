/** Figures from what the workers saw (customer records, agents' handled conversations) and the database. */
import { percentile, round } from '../messaging/stats.js';
import type { DbChecks } from './db.js';
import type { CustomerRecord, Handled } from './ipc.js';

const ms = (v: number) => (Number.isFinite(v) ? Math.round(v) : null);

/**
 * First response: arrival (send) to the first queue position or assignee seen; missing counts as infinitely late.
 * Also from opening (scheduled arrival, set-up included).
 */
export function customerFigures(records: CustomerRecord[], endAt: number) {
  const sent = records.filter((r) => r.sentAt !== null);
  const first = sent.map((r) => {
    const t = Math.min(r.firstQueueAt ?? Number.POSITIVE_INFINITY, r.assignedAt ?? Number.POSITIVE_INFINITY);
    return Math.max(0, t - (r.sentAt ?? 0));
  });
  const assigned = sent.filter((r) => r.assignedAt !== null);
  const waits = assigned.map((r) => Math.max(0, (r.assignedAt ?? 0) - (r.sentAt ?? 0)));
  // Never assigned: waited at least until the end of the drain.
  const allWaits = [...waits, ...sent.filter((r) => r.assignedAt === null).map((r) => endAt - (r.sentAt ?? 0))];
  // The customer's view: from opening the chat (the scheduled arrival) to the first position or assignee, set-up
  // included; an arrival that failed or never got either counts as infinitely late.
  const endToEnd = records.map((r) => {
    const t = Math.min(r.firstQueueAt ?? Number.POSITIVE_INFINITY, r.assignedAt ?? Number.POSITIVE_INFINITY);
    return r.sentAt === null ? Number.POSITIVE_INFINITY : Math.max(0, t - r.scheduledAt);
  });
  const acks = sent.filter((r) => r.ackAt !== null).map((r) => (r.ackAt ?? 0) - (r.sentAt ?? 0));
  const setups = sent.map((r) => (r.sentAt ?? 0) - r.startedAt);
  const step = (f: (r: CustomerRecord) => number) => {
    const v = sent.map(f);
    return [ms(percentile(v, 50)), ms(percentile(v, 99))];
  };
  const late = records.map((r) => r.startedAt - r.scheduledAt);
  const viaQueue = sent.filter((r) => r.firstQueueAt !== null && (r.assignedAt ?? Infinity) >= r.firstQueueAt).length;
  const errors: Record<string, number> = {};
  for (const r of records) {
    const e = r.setupError ?? r.ackError;
    if (e) {
      const key = e.replace(/[0-9a-f-]{36}/g, ':id').slice(0, 80);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  return {
    arrived: records.length,
    sent: sent.length,
    acked: sent.filter((r) => r.ackAt !== null && r.ackError === null).length,
    p50FirstResponseMs: ms(percentile(first, 50)),
    p99FirstResponseMs: ms(percentile(first, 99)),
    maxFirstResponseMs: ms(percentile(first, 100)),
    p50FromOpeningMs: ms(percentile(endToEnd, 50)),
    p99FromOpeningMs: ms(percentile(endToEnd, 99)),
    noFirstResponse: first.filter((v) => !Number.isFinite(v)).length,
    firstResponseByQueuePosition: viaQueue,
    firstResponseByAssignment: sent.length - viaQueue - first.filter((v) => !Number.isFinite(v)).length,
    queuePositionSeen: sent.filter((r) => r.firstQueueAt !== null).length,
    p50WaitMs: ms(percentile(waits, 50)),
    p99WaitMs: ms(percentile(waits, 99)),
    maxWaitMs: ms(percentile(allWaits, 100)),
    neverAssigned: sent.length - assigned.length,
    replied: sent.filter((r) => r.replyAt !== null).length,
    resolved: sent.filter((r) => r.resolvedAt !== null).length,
    dropped: records.filter((r) => r.dropped).length,
    p50AckMs: ms(percentile(acks, 50)),
    p99AckMs: ms(percentile(acks, 99)),
    p50SetupMs: ms(percentile(setups, 50)),
    p99SetupMs: ms(percentile(setups, 99)),
    /** p50, p99 of each setup step: widget session (HTTP), socket ready, conversation (HTTP). */
    setupStepsMs: {
      session: step((r) => (r.sessionAt ?? 0) - r.startedAt),
      socket: step((r) => (r.connectedAt ?? 0) - (r.sessionAt ?? 0)),
      conversation: step((r) => (r.sentAt ?? 0) - (r.connectedAt ?? 0)),
    },
    socketHandshake: handshakeFigures(records),
    p99ArrivalLateMs: ms(percentile(late, 99)),
    errors,
  };
}

/**
 * The customer socket's handshake, step by step (p50, p99 over the sockets that got there): TCP connect, upgrade
 * answered (HTTP 101), namespace joined (auth middleware done), `ready` received. `stalled`: for sockets that never
 * became ready, the step they were waiting for.
 */
function handshakeFigures(records: CustomerRecord[]) {
  const opened = records.filter((r) => r.handshake !== null && r.sessionAt !== null);
  const step = (from: (r: CustomerRecord) => number | null, to: (r: CustomerRecord) => number | null) => {
    const v = opened.flatMap((r) => {
      const a = from(r);
      const b = to(r);
      return a !== null && b !== null ? [b - a] : [];
    });
    return [ms(percentile(v, 50)), ms(percentile(v, 99))];
  };
  const stalled = { tcp: 0, upgrade: 0, join: 0, ready: 0 };
  for (const r of opened) {
    if (r.connectedAt !== null || !r.handshake) continue;
    if (r.handshake.tcp === null) stalled.tcp++;
    else if (r.handshake.upgraded === null) stalled.upgrade++;
    else if (r.handshake.joined === null) stalled.join++;
    else stalled.ready++;
  }
  return {
    tcp: step(
      (r) => r.sessionAt,
      (r) => r.handshake?.tcp ?? null,
    ),
    upgrade: step(
      (r) => r.handshake?.tcp ?? null,
      (r) => r.handshake?.upgraded ?? null,
    ),
    join: step(
      (r) => r.handshake?.upgraded ?? null,
      (r) => r.handshake?.joined ?? null,
    ),
    ready: step(
      (r) => r.handshake?.joined ?? null,
      (r) => r.connectedAt,
    ),
    stalled,
  };
}

/** Conversations that two different agents both held at the same time (their beliefs overlap). */
export function overlappingBeliefs(handled: Handled[], endAt: number): string[] {
  const byConversation = new Map<string, Handled[]>();
  for (const h of handled) byConversation.set(h.conversationId, [...(byConversation.get(h.conversationId) ?? []), h]);
  const double: string[] = [];
  for (const [id, hs] of byConversation) {
    const overlap = hs.some((a, i) =>
      hs.some((b, j) => j > i && a.agentId !== b.agentId && a.from < (b.to ?? endAt) && b.from < (a.to ?? endAt)),
    );
    if (overlap) double.push(id);
  }
  return double;
}

/** Most conversations one agent believed were theirs at once (from the agents' own reports). */
function maxHeldAtOnce(handled: Handled[], endAt: number): number {
  const byAgent = new Map<string, [number, number][]>();
  for (const h of handled) {
    const events = byAgent.get(h.agentId) ?? [];
    events.push([h.from, 1], [h.to ?? endAt, -1]);
    byAgent.set(h.agentId, events);
  }
  let max = 0;
  for (const events of byAgent.values()) {
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let held = 0;
    for (const [, d] of events) {
      held += d;
      max = Math.max(max, held);
    }
  }
  return max;
}

export function agentFigures(handled: Handled[], agentIds: string[], records: CustomerRecord[], endAt: number) {
  const perAgent = new Map(agentIds.map((id) => [id, 0]));
  for (const h of handled) perAgent.set(h.agentId, (perAgent.get(h.agentId) ?? 0) + 1);
  const counts = [...perAgent.values()];
  const max = Math.max(0, ...counts);
  const min = Math.min(...counts);
  const received = new Set(records.filter((r) => r.replyAt !== null).map((r) => r.conversationId));
  const repliesSent = handled.filter((h) => h.replyClientMsgId !== null);
  return {
    handled: handled.length,
    handledPerAgentMin: min,
    handledPerAgentMax: max,
    fairness: min > 0 ? round(max / min, 2) : null,
    repliesSent: repliesSent.length,
    repliesNotReceived: repliesSent.filter((h) => !received.has(h.conversationId)).length,
    replyErrors: handled.filter((h) => h.replyError !== null).length,
    resolveErrors: handled.filter((h) => h.resolveError !== null).length,
    takenAway: handled.filter((h) => h.takenAway).length,
    maxHeldAtOnce: maxHeldAtOnce(handled, endAt),
  };
}

export function lostFigures(
  customers: ReturnType<typeof customerFigures>,
  agents: ReturnType<typeof agentFigures>,
  db: DbChecks,
) {
  const customerMessagesNotStored = customers.acked - db.customerMessagesStored;
  return {
    lostMessages: customerMessagesNotStored + agents.repliesNotReceived + customers.neverAssigned,
    lost: {
      customerMessagesNotStored,
      agentRepliesNotReceived: agents.repliesNotReceived,
      neverAssigned: customers.neverAssigned,
    },
  };
}
