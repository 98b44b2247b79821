import type { Pool } from 'pg';
import { onePer } from '../../platform/batches.js';
import {
  type InsertedMessage,
  type InsertMessageInput,
  insertMessage,
  insertMessages,
  whyNotStored,
} from './insert-message.js';

type Pending = {
  input: InsertMessageInput;
  resolve: (result: InsertedMessage) => void;
  reject: (err: unknown) => void;
};

export type MessageWriterOptions = {
  /** Batches stored at the same time (each takes one pool connection). */
  maxInFlight: number;
  /**
   * A further batch starts while one is being stored only when this many messages wait; otherwise they wait
   * for the running batch and go together in the next (bigger batches cost PostgreSQL less per message).
   */
  parallelFrom: number;
  /** Messages per statement at most. */
  maxBatch: number;
};

const DEFAULTS: MessageWriterOptions = { maxInFlight: 2, parallelFrom: 32, maxBatch: 128 };

/**
 * Group commit for the hot path. Messages that arrive while earlier batches are being stored wait and go
 * together in one statement and one commit: one round trip, one plan execution and one WAL flush for many
 * messages. Under light load a message is stored alone, right away. A batch holds at most one message per
 * conversation and a conversation is in one batch at a time, so each conversation's messages are stored in
 * arrival order and batches never wait for each other's row locks.
 */
export class MessageWriter {
  private readonly queue: Pending[] = [];
  private readonly busyConversations = new Set<string>();
  private inFlight = 0;
  private scheduled = false;
  /** Statements run and messages they carried, for metrics and tests. */
  readonly stats = { statements: 0, messages: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly options: MessageWriterOptions = DEFAULTS,
  ) {}

  write(input: InsertMessageInput): Promise<InsertedMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Waits one turn of the event loop, so messages that arrived on the same turn share a batch. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      if (this.inFlight > 0 && this.queue.length < this.options.parallelFrom) return;
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight++;
      void this.store(batch).finally(() => {
        for (const p of batch) this.busyConversations.delete(p.input.conversationId);
        this.inFlight--;
        this.pump();
      });
    }
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const inBatch = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < this.options.maxBatch; ) {
      const pending = this.queue[i] as Pending;
      const conversationId = pending.input.conversationId;
      if (this.busyConversations.has(conversationId) || inBatch.has(conversationId)) {
        i++;
        continue;
      }
      inBatch.add(conversationId);
      batch.push(pending);
      this.queue.splice(i, 1);
    }
    for (const id of inBatch) this.busyConversations.add(id);
    return batch;
  }

  private async store(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      let results: (InsertedMessage | undefined)[] | undefined;
      this.stats.statements++;
      this.stats.messages += batch.length;
      try {
        results = await insertMessages(
          this.pool,
          batch.map((p) => p.input),
        );
      } catch {
        // One bad message or a racing resend fails the whole statement: store each alone to isolate it.
      }
      if (results) {
        const stored = results;
        await Promise.all(
          batch.map(async (p, i) => {
            const result = stored[i];
            if (result) return p.resolve(result);
            // Missing, foreign or closed conversation: find out which, to say so.
            p.reject(await whyNotStored(this.pool, p.input).catch((err: unknown) => err));
          }),
        );
        return;
      }
    }
    await Promise.all(batch.map((p) => this.storeAlone(p)));
  }

  private storeAlone(p: Pending): Promise<void> {
    this.stats.statements++;
    this.stats.messages++;
    return insertMessage(this.pool, p.input).then(p.resolve, p.reject);
  }
}

/** The one writer of a pool, so every sender in the process shares its batches. */
export const messageWriterFor = onePer((pool: Pool) => new MessageWriter(pool));
