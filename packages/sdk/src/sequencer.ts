import type { Message, MessagePage } from '@warmdesk/protocol';
import { WarmdeskError } from './errors.js';

export interface SequencerOptions {
  /** Fetches one page of the conversation's messages with seq > afterSeq (the `conversation:sync` contract). */
  fetchPage: (conversationId: string, afterSeq: number) => Promise<MessagePage>;
  /** Receives every message exactly once and, per conversation, in seq order. */
  deliver: (message: Message) => void;
  /** Failures of syncs the sequencer started by itself (on a gap), which nobody awaits. */
  onError?: (error: unknown, conversationId: string) => void;
}

interface ConversationState {
  /** Highest seq processed: every seq up to it was delivered or is known to be invisible to this client. */
  lastSeq: number;
  /** Messages that arrived ahead of a gap, by seq. */
  buffer: Map<number, Message>;
  running: Promise<void> | null;
  /** A catch-up was requested while one was running: run one more round afterwards. */
  again: boolean;
  /** Forgotten; late results are ignored. */
  dropped: boolean;
}

/**
 * Per-conversation ordering and de-duplication of messages.
 *
 * Messages come from live events and send acks (`push`) and from sync pages (`catchUp`). Seqs are shared with
 * messages this client cannot see (agents' private notes), so a gap is not proof of a lost message: on a gap the
 * message is buffered and the conversation is synced from `lastSeq`; the sync page says up to which seq it covers
 * (`page.lastSeq`, invisible seqs included), which moves `lastSeq` past the invisible ones.
 */
export class Sequencer {
  private conversations = new Map<string, ConversationState>();

  constructor(private readonly options: SequencerOptions) {}

  /** Ids of the conversations being tracked, in the order they were first seen. */
  known(): string[] {
    return [...this.conversations.keys()];
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** Highest seq processed, or `undefined` for a conversation not tracked yet. */
  lastSeq(conversationId: string): number | undefined {
    return this.conversations.get(conversationId)?.lastSeq;
  }

  /** Seqs waiting behind a gap (for tests and diagnostics). */
  buffered(conversationId: string): number[] {
    const s = this.conversations.get(conversationId);
    return s ? [...s.buffer.keys()].sort((a, b) => a - b) : [];
  }

  /**
   * Starts tracking a conversation. Nothing has been delivered for it yet, so by default its first sync starts
   * at seq 0 and delivers the whole history once. Returns whether the conversation was new.
   */
  track(conversationId: string, lastSeq = 0): boolean {
    if (this.conversations.has(conversationId)) return false;
    this.conversations.set(conversationId, {
      lastSeq,
      buffer: new Map(),
      running: null,
      again: false,
      dropped: false,
    });
    return true;
  }

  /** Stops tracking one conversation, or all of them. */
  forget(conversationId?: string): void {
    const ids = conversationId === undefined ? this.known() : [conversationId];
    for (const id of ids) {
      const s = this.conversations.get(id);
      if (s) s.dropped = true;
      this.conversations.delete(id);
    }
  }

  /**
   * Feeds a message from a live event or a send ack. Delivers it at once when it is the next seq, drops it when it
   * was already processed, else buffers it and syncs to fill the gap.
   */
  push(message: Message): void {
    const id = message.conversationId;
    this.track(id);
    const s = this.state(id);
    if (message.seq <= s.lastSeq || s.buffer.has(message.seq)) return;
    if (message.seq === s.lastSeq + 1) {
      this.emit(s, message);
      this.drain(s);
      return;
    }
    s.buffer.set(message.seq, message);
    if (s.running) {
      // The running sync may have been answered before this message existed: one more round afterwards.
      s.again = true;
      return;
    }
    this.catchUp(id).catch((error: unknown) => this.options.onError?.(error, id));
  }

  /**
   * Syncs the conversation from `lastSeq` until the server has nothing more, delivering in order. While one is
   * running, another call schedules one more round and shares its promise.
   */
  catchUp(conversationId: string): Promise<void> {
    this.track(conversationId);
    const s = this.state(conversationId);
    if (s.running) {
      s.again = true;
      return s.running;
    }
    const running = this.run(conversationId, s);
    s.running = running;
    return running;
  }

  private async run(id: string, s: ConversationState): Promise<void> {
    // Yield once so that `s.running` is set before anything below can clear it.
    await Promise.resolve();
    try {
      for (;;) {
        s.again = false;
        const before = s.lastSeq;
        await this.syncPages(id, s);
        if (s.dropped) return;
        // A gap still behind buffered messages: sync once more, but only while that makes progress (a later
        // push or catch-up retries otherwise, so a confused server cannot make this loop forever).
        const gapRemains = s.buffer.size > 0 && s.lastSeq > before;
        if (!s.again && !gapRemains) return;
      }
    } finally {
      // Cleared before the promise settles, so no push can slip in between and wait for a finished run.
      s.running = null;
    }
  }

  private async syncPages(id: string, s: ConversationState): Promise<void> {
    for (;;) {
      const afterSeq = s.lastSeq;
      const page = await this.options.fetchPage(id, afterSeq);
      if (s.dropped) return;
      let upTo = page.lastSeq;
      const batch = new Map<number, Message>();
      for (const m of page.messages) {
        if (m.conversationId !== id) continue;
        if (m.seq > upTo) upTo = m.seq;
        if (m.seq > s.lastSeq) batch.set(m.seq, m);
      }
      // Buffered messages the page covers are merged in (normally they are in the page too), so nothing received
      // is lost even if the page lacks one.
      for (const [seq, m] of s.buffer) {
        if (seq > upTo) continue;
        s.buffer.delete(seq);
        if (seq > s.lastSeq && !batch.has(seq)) batch.set(seq, m);
      }
      for (const seq of [...batch.keys()].sort((a, b) => a - b)) {
        const m = batch.get(seq);
        if (m && seq > s.lastSeq) this.emit(s, m);
      }
      if (upTo > s.lastSeq) s.lastSeq = upTo;
      this.drain(s);
      if (!page.hasMore) return;
      if (upTo <= afterSeq) {
        throw new WarmdeskError('protocol', 'sync page made no progress but claims there is more', {
          conversationId: id,
        });
      }
    }
  }

  private emit(s: ConversationState, message: Message): void {
    s.lastSeq = message.seq;
    if (!s.dropped) this.options.deliver(message);
  }

  /** Delivers buffered messages that have become consecutive and drops those already covered. */
  private drain(s: ConversationState): void {
    for (const seq of s.buffer.keys()) if (seq <= s.lastSeq) s.buffer.delete(seq);
    for (let next = s.buffer.get(s.lastSeq + 1); next; next = s.buffer.get(s.lastSeq + 1)) {
      s.buffer.delete(next.seq);
      this.emit(s, next);
    }
  }

  private state(conversationId: string): ConversationState {
    const s = this.conversations.get(conversationId);
    if (!s) throw new Error(`conversation ${conversationId} is not tracked`);
    return s;
  }
}
