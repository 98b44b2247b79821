import type { Message, MessagePage } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import { Sequencer } from './sequencer.js';

const C = '0190a000-0000-7000-8000-00000000000c';

function msg(seq: number, conversationId = C, extra: Partial<Message> = {}): Message {
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    conversationId,
    seq,
    clientMsgId: null,
    sender: { type: 'user', id: 'agent', name: 'Agent' },
    kind: 'text',
    content: `#${seq}`,
    private: false,
    attachments: [],
    createdAt: new Date(1_700_000_000_000 + seq).toISOString(),
    ...extra,
  };
}

/**
 * A fake server: the conversation's full seq space, where private seqs are invisible to the client. Pages follow
 * the contract: visible messages with seq > afterSeq, `lastSeq` = highest seq scanned (invisible ones included).
 * With `holding`, each answer is computed when asked but only delivered when the test calls `answer()`, which
 * models a response in flight.
 */
class FakeServer {
  readonly all = new Map<number, Message>();
  readonly calls: number[] = [];
  pageSize = 100;
  failNext = 0;
  holding = false;
  private inFlight: Array<() => void> = [];

  add(seq: number, visible = true): Message {
    const m = msg(seq, C, { private: !visible });
    this.all.set(seq, m);
    return m;
  }

  fetchPage = async (conversationId: string, afterSeq: number): Promise<MessagePage> => {
    this.calls.push(afterSeq);
    const fail = this.failNext > 0;
    if (fail) this.failNext--;
    const seqs = [...this.all.keys()].filter((s) => s > afterSeq).sort((a, b) => a - b);
    const scanned = seqs.slice(0, this.pageSize);
    const messages = scanned
      .map((s) => this.all.get(s))
      .filter((m): m is Message => m !== undefined && !m.private && m.conversationId === conversationId);
    const page = { messages, lastSeq: scanned.at(-1) ?? afterSeq, hasMore: seqs.length > this.pageSize };
    if (this.holding) await new Promise<void>((resolve) => this.inFlight.push(resolve));
    if (fail) throw new Error('timeout');
    return page;
  };

  /** Waits until a request is in flight, then lets its answer arrive. */
  async answer(): Promise<void> {
    for (let i = 0; i < 100 && this.inFlight.length === 0; i++) await settle();
    const next = this.inFlight.shift();
    if (!next) throw new Error('no request in flight');
    next();
    await settle();
  }

  /** Waits until `n` requests were made. */
  async requested(n: number): Promise<void> {
    for (let i = 0; i < 100 && this.calls.length < n; i++) await settle();
    expect(this.calls.length).toBeGreaterThanOrEqual(n);
  }
}

function setup(server = new FakeServer()) {
  const delivered: number[] = [];
  const errors: unknown[] = [];
  const seq = new Sequencer({
    fetchPage: server.fetchPage,
    deliver: (m) => delivered.push(m.seq),
    onError: (e) => errors.push(e),
  });
  return { server, seq, delivered, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Sequencer', () => {
  it('delivers consecutive messages at once, without syncing', () => {
    const { seq, delivered, server } = setup();
    for (const n of [1, 2, 3]) seq.push(msg(n));
    expect(delivered).toEqual([1, 2, 3]);
    expect(seq.lastSeq(C)).toBe(3);
    expect(server.calls).toEqual([]);
  });

  it('drops duplicates: a seq already processed or already buffered', async () => {
    const { seq, delivered, server } = setup();
    server.add(1);
    server.add(2);
    seq.push(msg(1));
    seq.push(msg(1)); // e.g. the send ack and message:new of the customer's own message
    seq.push(msg(2));
    seq.push(msg(1));
    await settle();
    expect(delivered).toEqual([1, 2]);
    expect(server.calls).toEqual([]); // a duplicate is not mistaken for a gap
    server.holding = true;
    server.add(3);
    server.add(4);
    seq.push(msg(4));
    seq.push(msg(4));
    await server.answer();
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(server.calls).toEqual([2]);
  });

  it('buffers an out-of-order message, syncs from lastSeq and delivers in order', async () => {
    const { seq, delivered, server } = setup();
    for (const n of [1, 2, 3, 4, 5]) server.add(n);
    seq.push(msg(1));
    seq.push(msg(2));
    seq.push(msg(5)); // 3 and 4 missed
    expect(delivered).toEqual([1, 2]);
    expect(seq.buffered(C)).toEqual([5]);
    await settle();
    expect(server.calls).toEqual([2]);
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(seq.buffered(C)).toEqual([]);
    seq.push(msg(3)); // the late live event is a duplicate now
    seq.push(msg(4));
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
  });

  it('steps past seqs the client cannot see (private notes) using page.lastSeq', async () => {
    const { seq, delivered, server } = setup();
    server.add(1);
    server.add(2, false);
    server.add(3, false);
    server.add(4);
    seq.push(msg(1));
    seq.push(msg(4)); // looks like a gap, but 2 and 3 are notes
    await settle();
    expect(delivered).toEqual([1, 4]);
    expect(seq.lastSeq(C)).toBe(4);
    expect(server.calls).toEqual([1]);
    seq.push(msg(5)); // next one follows directly, no sync
    expect(delivered).toEqual([1, 4, 5]);
    expect(server.calls).toEqual([1]);
  });

  it('moves lastSeq past trailing invisible seqs so later messages are not seen as gaps', async () => {
    const { seq, delivered, server } = setup();
    server.add(1);
    server.add(2, false);
    await seq.catchUp(C);
    expect(delivered).toEqual([1]);
    expect(seq.lastSeq(C)).toBe(2);
    seq.push(msg(3));
    expect(delivered).toEqual([1, 3]);
    expect(server.calls).toEqual([0]);
  });

  it('first catch-up of an unknown conversation starts at 0 and emits the whole history once', async () => {
    const { seq, delivered, server } = setup();
    for (let n = 1; n <= 7; n++) server.add(n, n !== 4);
    expect(seq.has(C)).toBe(false);
    await seq.catchUp(C);
    expect(server.calls).toEqual([0]);
    expect(delivered).toEqual([1, 2, 3, 5, 6, 7]);
    await seq.catchUp(C);
    expect(server.calls).toEqual([0, 7]);
    expect(delivered).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('a message for an unknown conversation triggers a sync from 0 (earlier history first)', async () => {
    const { seq, delivered, server } = setup();
    for (let n = 1; n <= 3; n++) server.add(n);
    seq.push(msg(3));
    await settle();
    expect(server.calls).toEqual([0]);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('pages until hasMore is false', async () => {
    const { seq, delivered, server } = setup();
    server.pageSize = 3;
    for (let n = 1; n <= 10; n++) server.add(n, n % 4 !== 0);
    await seq.catchUp(C);
    expect(server.calls).toEqual([0, 3, 6, 9]);
    expect(delivered).toEqual([1, 2, 3, 5, 6, 7, 9, 10]);
    expect(seq.lastSeq(C)).toBe(10);
  });

  it('keeps delivering live messages in order while a sync is in flight', async () => {
    const { seq, delivered, server } = setup();
    for (let n = 1; n <= 3; n++) server.add(n);
    server.holding = true;
    const running = seq.catchUp(C);
    await server.requested(1);
    // While the page (1..3) is in flight: 1 arrives live (the next seq: delivered now); 4 and 5 are created and
    // only 5's event arrives, ahead of a gap.
    seq.push(msg(1));
    server.add(4);
    server.add(5);
    seq.push(msg(5));
    expect(delivered).toEqual([1]);
    await server.answer();
    expect(delivered).toEqual([1, 2, 3]);
    expect(seq.buffered(C)).toEqual([5]);
    await server.answer(); // the extra round for the message buffered mid-sync
    await running;
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(server.calls).toEqual([0, 3]);
    expect(seq.buffered(C)).toEqual([]);
  });

  it('re-syncs when a buffered message arrived after the server answered the running sync', async () => {
    const { seq, delivered, server } = setup();
    server.add(1);
    server.holding = true;
    const running = seq.catchUp(C);
    await server.requested(1); // the page for afterSeq 0 is computed now: only seq 1 exists
    // 2 (a note) and 3 are created after it; 3's event arrives before the page does.
    server.add(2, false);
    server.add(3);
    seq.push(msg(3));
    await server.answer();
    await server.answer();
    await running;
    expect(server.calls).toEqual([0, 1]);
    expect(delivered).toEqual([1, 3]);
    expect(seq.lastSeq(C)).toBe(3);
  });

  it('shares one running catch-up and schedules one more round for calls made meanwhile', async () => {
    const { seq, server } = setup();
    server.add(1);
    server.holding = true;
    const a = seq.catchUp(C);
    expect(seq.catchUp(C)).toBe(a); // before the request went out: covered by the same round
    await server.requested(1);
    server.add(2);
    const b = seq.catchUp(C); // e.g. a reconnect while the request is in flight
    expect(b).toBe(a);
    await server.answer();
    await server.answer();
    await a;
    expect(server.calls).toEqual([0, 1]);
    expect(seq.lastSeq(C)).toBe(2);
  });

  it('keeps buffered messages when a sync fails and recovers on the next catch-up', async () => {
    const { seq, delivered, server, errors } = setup();
    for (let n = 1; n <= 4; n++) server.add(n);
    seq.push(msg(1));
    server.failNext = 1;
    seq.push(msg(4));
    await settle();
    expect(errors).toHaveLength(1);
    expect(delivered).toEqual([1]);
    expect(seq.buffered(C)).toEqual([4]);
    await seq.catchUp(C); // e.g. after reconnecting
    expect(delivered).toEqual([1, 2, 3, 4]);
  });

  it('rejects the awaited catch-up when the sync fails', async () => {
    const { seq, server } = setup();
    server.failNext = 1;
    await expect(seq.catchUp(C)).rejects.toThrow('timeout');
    server.add(1);
    await seq.catchUp(C);
    expect(seq.lastSeq(C)).toBe(1);
  });

  it('delivers a buffered message even if the page that covers it lacks it', async () => {
    const delivered: number[] = [];
    const seq = new Sequencer({
      // A server whose page skips seq 3 although it covers it.
      fetchPage: async () => ({ messages: [msg(2), msg(4)], lastSeq: 4, hasMore: false }),
      deliver: (m) => delivered.push(m.seq),
    });
    seq.push(msg(1));
    seq.push(msg(3));
    await settle();
    expect(delivered).toEqual([1, 2, 3, 4]);
  });

  it('does not loop forever on a server that makes no progress', async () => {
    let calls = 0;
    const seq = new Sequencer({
      fetchPage: async (_c, afterSeq) => {
        calls++;
        return { messages: [], lastSeq: afterSeq, hasMore: false };
      },
      deliver: () => undefined,
    });
    seq.push(msg(1));
    seq.push(msg(5));
    await settle();
    await settle();
    expect(calls).toBe(1);
    expect(seq.buffered(C)).toEqual([5]);

    const liar = new Sequencer({
      fetchPage: async (_c, afterSeq) => ({ messages: [], lastSeq: afterSeq, hasMore: true }),
      deliver: () => undefined,
    });
    await expect(liar.catchUp(C)).rejects.toMatchObject({ code: 'protocol' });
  });

  it('tracks conversations independently', async () => {
    const { seq, delivered } = setup();
    const other = '0190a000-0000-7000-8000-0000000000dd';
    seq.push(msg(1, other));
    seq.push(msg(1));
    seq.push(msg(2, other));
    expect(delivered).toEqual([1, 1, 2]);
    expect(seq.known()).toEqual([other, C]);
    expect(seq.lastSeq(other)).toBe(2);
    expect(seq.lastSeq(C)).toBe(1);
  });

  it('ignores results for a forgotten conversation', async () => {
    const { seq, delivered, server } = setup();
    server.add(1);
    server.holding = true;
    const running = seq.catchUp(C);
    await server.requested(1);
    seq.forget(C);
    await server.answer();
    await running;
    expect(delivered).toEqual([]);
    expect(seq.has(C)).toBe(false);
  });

  it('can start from a known position', async () => {
    const { seq, delivered, server } = setup();
    for (let n = 1; n <= 3; n++) server.add(n);
    seq.track(C, 2);
    await seq.catchUp(C);
    expect(server.calls).toEqual([2]);
    expect(delivered).toEqual([3]);
  });
});
