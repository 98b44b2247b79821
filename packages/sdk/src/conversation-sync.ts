import type { Conversation, Message, MessagePage } from '@warmdesk/protocol';
import { backoffDelay } from './backoff.js';
import type { Connection } from './connection.js';
import { errorFromBody, isRecord, toWarmdeskError } from './errors.js';
import { isMessagePage, parseAs } from './guards.js';
import { SYNC_PAGE_MAX } from './limits.js';
import { Sequencer } from './sequencer.js';
import type { HistoryOptions } from './types.js';

export interface ConversationSyncOptions {
  connection: Connection;
  ackTimeoutMs: number;
  /** REST paging, used while the socket is not connected. */
  history: (conversationId: string, options: HistoryOptions) => Promise<MessagePage>;
  /** Every message of a known conversation, exactly once and in seq order. */
  deliver: (message: Message) => void;
  report: (error: unknown) => void;
}

/**
 * Keeps every known conversation caught up: feeds live messages to the sequencer, syncs over the socket (REST
 * when offline) on gaps and reconnects, and retries background syncs that failed.
 */
export class ConversationSync {
  private readonly sequencer: Sequencer;
  private readonly retries = new Map<string, { timer: ReturnType<typeof setTimeout> | null; attempt: number }>();

  constructor(private readonly options: ConversationSyncOptions) {
    this.sequencer = new Sequencer({
      fetchPage: (conversationId, afterSeq) => this.fetchPage(conversationId, afterSeq),
      deliver: options.deliver,
      onError: (error, conversationId) => this.onSyncError(conversationId, error),
    });
  }

  /** A message from a live event or a send ack. */
  push(message: Message): void {
    this.sequencer.push(message);
  }

  track(conversationId: string): void {
    this.sequencer.track(conversationId);
  }

  /** Starts tracking a conversation and, when the server has messages this client has not emitted, syncs it. */
  learn(conversation: Conversation): void {
    this.sequencer.track(conversation.id);
    const seen = this.sequencer.lastSeq(conversation.id) ?? 0;
    if (conversation.lastSeq > seen && this.options.connection.isConnected()) void this.backgroundSync(conversation.id);
  }

  /** Emits what the conversation has that this client has not emitted yet; rejects on failure. */
  catchUp(conversationId: string): Promise<void> {
    return this.sequencer.catchUp(conversationId);
  }

  /** Catches up on every known conversation (after a (re)connect); never rejects. */
  async catchUpAll(): Promise<void> {
    await Promise.all(this.sequencer.known().map((id) => this.backgroundSync(id)));
  }

  /** Stops tracking one conversation, or all of them. */
  forget(conversationId?: string): void {
    this.sequencer.forget(conversationId);
  }

  cancelRetries(): void {
    for (const retry of this.retries.values()) if (retry.timer) clearTimeout(retry.timer);
    this.retries.clear();
  }

  /** A catch-up nobody awaits: failures are reported and retried (see onSyncError); never rejects. */
  private backgroundSync(conversationId: string): Promise<void> {
    return this.sequencer.catchUp(conversationId).then(
      () => {
        this.retries.delete(conversationId);
      },
      (error: unknown) => this.onSyncError(conversationId, error),
    );
  }

  /**
   * A background sync failed. Gone conversations are forgotten; after a drop the reconnect catches up anyway;
   * anything else (timeout, rate limit, server error) is retried with backoff so buffered messages are not stuck.
   */
  private onSyncError(conversationId: string, error: unknown): void {
    const e = toWarmdeskError(error, { conversationId });
    this.options.report(e);
    if (e.code === 'not_found' || e.code === 'forbidden') {
      this.sequencer.forget(conversationId);
      return;
    }
    const { connection } = this.options;
    if (!connection.isConnected() || e.code === 'disconnected') return;
    const retry = this.retries.get(conversationId) ?? { timer: null, attempt: 0 };
    if (retry.timer) return;
    retry.timer = setTimeout(
      () => {
        retry.timer = null;
        if (connection.isConnected()) void this.backgroundSync(conversationId);
      },
      backoffDelay(retry.attempt++, { baseMs: 1_000, maxMs: 30_000 }),
    );
    this.retries.set(conversationId, retry);
  }

  private async fetchPage(conversationId: string, afterSeq: number): Promise<MessagePage> {
    const { connection } = this.options;
    const socket = connection.socket;
    if (!socket || !connection.isConnected()) {
      return this.options.history(conversationId, { afterSeq, limit: SYNC_PAGE_MAX });
    }
    let res: unknown;
    try {
      res = await socket
        .timeout(this.options.ackTimeoutMs)
        .emitWithAck('conversation:sync', { conversationId, afterSeq, limit: SYNC_PAGE_MAX });
    } catch (error) {
      throw toWarmdeskError(error, { conversationId });
    }
    if (isRecord(res) && res.ok === false) throw errorFromBody(res, { message: 'conversation:sync failed' });
    return parseAs(res, isMessagePage, 'a sync page');
  }
}
