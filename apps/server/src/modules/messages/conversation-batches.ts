import type { Conversation } from '@warmdesk/protocol';

/** How long an account's conversation changes are collected before one `conversations:updated` goes out. */
export const BATCH_WINDOW_MS = 50;
/** A batch goes out early at this size, so a frame stays far below the clients' limits (about 500 bytes each). */
export const BATCH_MAX_CONVERSATIONS = 100;

export type BatchSink = (accountId: string, conversations: Conversation[]) => void;

/**
 * Per account, the latest state of each conversation changed since the last batch. One frame per agent socket
 * and window instead of one per change: under a surge every arrival changes a conversation about three times, and
 * each change used to be written to every agent socket of the account.
 */
export class ConversationBatches {
  private readonly pending = new Map<string, Map<string, Conversation>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sink: BatchSink,
    private readonly windowMs = BATCH_WINDOW_MS,
    private readonly maxConversations = BATCH_MAX_CONVERSATIONS,
  ) {}

  add(accountId: string, conversation: Conversation): void {
    let batch = this.pending.get(accountId);
    if (!batch) {
      batch = new Map();
      this.pending.set(accountId, batch);
    }
    // Re-inserted so that a batch lists conversations in the order of their latest change.
    batch.delete(conversation.id);
    batch.set(conversation.id, conversation);
    if (batch.size >= this.maxConversations) this.flush(accountId);
    else if (!this.timers.has(accountId)) this.startTimer(accountId);
  }

  private startTimer(accountId: string): void {
    const timer = setTimeout(() => this.flush(accountId), this.windowMs);
    timer.unref();
    this.timers.set(accountId, timer);
  }

  flush(accountId: string): void {
    clearTimeout(this.timers.get(accountId));
    this.timers.delete(accountId);
    const batch = this.pending.get(accountId);
    this.pending.delete(accountId);
    if (batch?.size) this.sink(accountId, [...batch.values()]);
  }
}
