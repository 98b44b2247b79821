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
  /** The stored entries have been merged in. */
  private loaded = false;
  private writes: Promise<void> = Promise.resolve();
  /** Asynchronous writes not finished yet; a synchronous write may only go first when there are none. */
  private asyncWrites = 0;

  constructor(
    private readonly storage: StorageLike,
    private readonly key: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Reads the stored entries once; later calls return the same promise. A broken store reads as empty (and is
   * reported to `onError`). */
  load(): Promise<void> {
    if (!this.loading) this.loadSync();
    this.loading ??= (async () => {
      let stored: OutboxEntry[] = [];
      try {
        stored = parseEntries(await readJson(this.storage, this.key));
      } catch (error) {
        this.onError(error);
      }
      this.mergeLoaded(stored);
    })();
    return this.loading;
  }

  /**
   * Appends an entry (after loading, so older stored entries stay ahead) and resolves once it is stored. With a
   * synchronous storage (localStorage, memory) it is stored before this returns, so a page unloaded right after
   * `send()` still finds it on the next load.
   */
  add(entry: OutboxEntry): Promise<void> {
    if (!this.loading) this.loadSync();
    if (this.loaded) return this.append(entry);
    // An asynchronous store is still reading: append after it, or the stored entries would end up behind.
    return this.load().then(() => this.append(entry));
  }

  private append(entry: OutboxEntry): Promise<void> {
    if (this.has(entry.clientMsgId)) return Promise.resolve();
    this.entries.push({ ...entry });
    return this.persist((stored) =>
      stored.some((e) => e.clientMsgId === entry.clientMsgId) ? stored : [...stored, { ...entry }],
    );
  }

  /** Loads at once when the storage answers synchronously; leaves `loading` unset otherwise. */
  private loadSync(): void {
    let raw: string | null | Promise<string | null>;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      return;
    }
    if (isThenable(raw)) {
      // An asynchronous store: the read already started; let load() finish it.
      this.loading = (async () => {
        let stored: OutboxEntry[] = [];
        try {
          stored = parseEntries(parseJson(await raw));
        } catch (error) {
          this.onError(error);
        }
        this.mergeLoaded(stored);
      })();
      return;
    }
    this.mergeLoaded(parseEntries(parseJson(raw)));
    this.loading = Promise.resolve();
  }

  private mergeLoaded(stored: OutboxEntry[]): void {
    this.loaded = true;
    const inMemory = new Set(this.entries.map((e) => e.clientMsgId));
    this.entries = [...stored.filter((e) => !inMemory.has(e.clientMsgId)), ...this.entries];
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
    if (this.asyncWrites === 0) {
      const done = this.persistSync(change);
      if (done) return done;
    }
    this.asyncWrites++;
    const run = async (): Promise<void> => {
      const stored = parseEntries(await readJson(this.storage, this.key));
      const next = change(stored);
      if (next.length === 0) await this.storage.removeItem(this.key);
      else await writeJson(this.storage, this.key, next);
    };
    const done = this.writes.then(run).finally(() => {
      this.asyncWrites--;
    });
    // The caller sees the failure; the chain itself must survive it.
    this.writes = done.catch(() => undefined);
    return done;
  }

  /** Read-modify-write in this tick when the storage is synchronous; `undefined` when it is not. */
  private persistSync(change: (stored: OutboxEntry[]) => OutboxEntry[]): Promise<void> | undefined {
    try {
      const raw = this.storage.getItem(this.key);
      if (isThenable(raw)) return undefined;
      const next = change(parseEntries(parseJson(raw)));
      const written =
        next.length === 0 ? this.storage.removeItem(this.key) : this.storage.setItem(this.key, JSON.stringify(next));
      return isThenable(written) ? written : Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
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

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function parseJson(raw: string | null | undefined): unknown {
  if (raw === null || raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
