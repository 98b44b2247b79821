import { isRecord } from './errors.js';
import { readJson, type StorageLike, writeJson } from './storage.js';

/** A message the customer sent that the server has not acknowledged yet. */
export interface OutboxEntry {
  /** UUIDv7; the server returns the original message when it sees the same id again, so resending is safe. */
  clientMsgId: string;
  conversationId: string;
  content: string;
  /** ISO 8601 time `send` was called. */
  createdAt: string;
}

/**
 * The persisted FIFO of unacknowledged messages.
 *
 * The in-memory list is this client's working queue, in send order. Every change is also applied to the stored
 * list with a read-modify-write (writes are serialised), so entries other tabs added to the same storage key are
 * kept rather than overwritten. Entries found in storage at load time (a previous page, another tab) come first,
 * since they are older.
 */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private loading: Promise<void> | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: StorageLike,
    private readonly key: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Reads the stored entries once; later calls return the same promise. A broken store reads as empty (and is
   * reported to `onError`). */
  load(): Promise<void> {
    this.loading ??= (async () => {
      let stored: OutboxEntry[] = [];
      try {
        stored = parseEntries(await readJson(this.storage, this.key));
      } catch (error) {
        this.onError(error);
      }
      const inMemory = new Set(this.entries.map((e) => e.clientMsgId));
      this.entries = [...stored.filter((e) => !inMemory.has(e.clientMsgId)), ...this.entries];
    })();
    return this.loading;
  }

  /** Appends an entry (after loading, so older stored entries stay ahead) and resolves once it is stored. */
  async add(entry: OutboxEntry): Promise<void> {
    await this.load();
    if (this.has(entry.clientMsgId)) return;
    this.entries.push({ ...entry });
    await this.persist((stored) =>
      stored.some((e) => e.clientMsgId === entry.clientMsgId) ? stored : [...stored, { ...entry }],
    );
  }

  /** Drops an entry from memory at once and from storage in turn. */
  async remove(clientMsgId: string): Promise<void> {
    this.entries = this.entries.filter((e) => e.clientMsgId !== clientMsgId);
    await this.persist((stored) => stored.filter((e) => e.clientMsgId !== clientMsgId));
  }

  has(clientMsgId: string): boolean {
    return this.entries.some((e) => e.clientMsgId === clientMsgId);
  }

  /** The oldest entry, the next one to send. */
  first(): OutboxEntry | undefined {
    return this.entries[0];
  }

  /** A copy of the queue in send order, optionally for one conversation. */
  list(conversationId?: string): OutboxEntry[] {
    const all =
      conversationId === undefined ? this.entries : this.entries.filter((e) => e.conversationId === conversationId);
    return all.map((e) => ({ ...e }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Resolves when every change made so far has reached storage (or failed to). */
  settled(): Promise<void> {
    return this.writes;
  }

  private persist(change: (stored: OutboxEntry[]) => OutboxEntry[]): Promise<void> {
    const run = async (): Promise<void> => {
      const stored = parseEntries(await readJson(this.storage, this.key));
      const next = change(stored);
      if (next.length === 0) await this.storage.removeItem(this.key);
      else await writeJson(this.storage, this.key, next);
    };
    const done = this.writes.then(run);
    // The caller sees the failure; the chain itself must survive it.
    this.writes = done.catch(() => undefined);
    return done;
  }
}

function parseEntries(value: unknown): OutboxEntry[] {
  if (!Array.isArray(value)) return [];
  const out: OutboxEntry[] = [];
  for (const item of value) {
    if (
      isRecord(item) &&
      typeof item.clientMsgId === 'string' &&
      typeof item.conversationId === 'string' &&
      typeof item.content === 'string'
    ) {
      out.push({
        clientMsgId: item.clientMsgId,
        conversationId: item.conversationId,
        content: item.content,
        createdAt: typeof item.createdAt === 'string' ? item.createdAt : new Date(0).toISOString(),
      });
    }
  }
  return out;
}
