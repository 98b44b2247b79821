import { buildIndex, DEFAULT_MODEL_DIR, type Embedder, type KbIndex, loadEmbedder } from '@warmdesk/bot';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';
import { readDictionary, readKbVersion } from './kb-version.js';

/** What the bot needs of an entry while matching; the answer itself is read when it is sent. */
export type IndexedEntry = { id: string; title: string; handoff: boolean };
export type BuiltIndex = { version: number; index: KbIndex; entries: Map<string, IndexedEntry> };

/** A newer index being built: a message waits this long for it, then is matched on the one in memory. */
const STALE_WAIT_MS = 1000;
/** No index in memory yet: a message waits this long for the first build, then the bot hands off. */
const FIRST_BUILD_WAIT_MS = 20_000;
/** Changes within this time (an import, a burst of edits) make one rebuild. */
const REBUILD_DEBOUNCE_MS = 300;
/** An account's index unused this long is dropped from memory (rebuilt on its next customer question). */
const IDLE_EVICT_MS = 30 * 60_000;
/** At most this many accounts' indexes stay in memory; the least recently used go first. */
const MAX_HELD = 200;
const EVICT_SWEEP_MS = 60_000;

let embedder: Promise<Embedder | null> | undefined;

/** The engine's `WARMDESK_BOT_MODEL_DIR`, read when first needed (the engine reads it when imported). */
const modelDir = () => process.env.WARMDESK_BOT_MODEL_DIR?.trim() || DEFAULT_MODEL_DIR;

/** The sentence embedder, loaded once per process on first use; null without model files (BM25 alone). */
export function sharedEmbedder(log: FastifyBaseLogger): Promise<Embedder | null> {
  embedder ??= loadEmbedder(modelDir()).catch((err: unknown) => {
    log.warn({ err }, 'bot: loading the embedding model failed; matching on BM25 alone');
    return null;
  });
  return embedder;
}

const timeout = (ms: number, what: string) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref());

/**
 * One built index per account in this process. Before each use the account's `kb_version` is compared with the
 * index's, so a change made through any process is seen by all; the process that made it also rebuilds ahead of
 * the next customer (debounced).
 */
export class KbIndexes {
  private readonly built = new Map<string, BuiltIndex>();
  private readonly building = new Map<string, { version: number; promise: Promise<BuiltIndex> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each held index was last used; Map order is least recently used first. */
  private readonly usedAt = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly log: FastifyBaseLogger,
    private readonly limits: { idleMs: number; maxHeld: number } = { idleMs: IDLE_EVICT_MS, maxHeld: MAX_HELD },
  ) {
    setInterval(() => this.evict(), Math.min(EVICT_SWEEP_MS, limits.idleMs)).unref();
  }

  /** Accounts whose index is in memory (for tests and metrics). */
  heldAccounts(): string[] {
    return [...this.built.keys()];
  }

  /** Drops indexes idle past the limit, and the least recently used beyond the count limit. */
  evict(now = Date.now()): void {
    for (const [accountId, at] of this.usedAt) {
      if (now - at < this.limits.idleMs && this.usedAt.size <= this.limits.maxHeld) break;
      this.usedAt.delete(accountId);
      this.built.delete(accountId);
    }
  }

  private touch(accountId: string): void {
    this.usedAt.delete(accountId);
    this.usedAt.set(accountId, Date.now());
  }

  /** The account's current index (or, while a newer one takes long to build, the previous one). */
  async current(accountId: string): Promise<BuiltIndex> {
    this.touch(accountId);
    const version = await readKbVersion(this.pool, accountId);
    const held = this.built.get(accountId);
    if (held && held.version >= version) return held;
    const build = this.build(accountId, version);
    if (!held) return Promise.race([build, timeout(FIRST_BUILD_WAIT_MS, 'building the knowledge-base index')]);
    const fresh = await Promise.race([build, new Promise<null>((r) => setTimeout(r, STALE_WAIT_MS, null).unref())]);
    return fresh ?? held;
  }

  /** The account's knowledge base or words changed in this process: rebuild soon if the index is in use. */
  changed(accountId: string): void {
    if (!this.built.has(accountId)) return;
    clearTimeout(this.timers.get(accountId));
    const timer = setTimeout(() => {
      this.timers.delete(accountId);
      this.current(accountId).catch((err: unknown) => this.log.warn({ err, accountId }, 'bot: index rebuild failed'));
    }, REBUILD_DEBOUNCE_MS);
    timer.unref();
    this.timers.set(accountId, timer);
  }

  private build(accountId: string, version: number): Promise<BuiltIndex> {
    const running = this.building.get(accountId);
    if (running && running.version >= version) return running.promise;
    const promise = this.load(accountId, version);
    this.building.set(accountId, { version, promise });
    const done = () => {
      if (this.building.get(accountId)?.promise === promise) this.building.delete(accountId);
    };
    promise.then(done, (err: unknown) => {
      done();
      this.log.warn({ err, accountId }, 'bot: building the knowledge-base index failed');
    });
    return promise;
  }

  private async load(accountId: string, version: number): Promise<BuiltIndex> {
    const [{ rows }, dictionary] = await Promise.all([
      this.pool.query<{ id: string; questions: string[]; tags: string[]; handoff: boolean }>(
        'SELECT id, questions, tags, handoff FROM kb_entries WHERE account_id = $1 AND enabled',
        [accountId],
      ),
      readDictionary(this.pool, accountId),
    ]);
    const input = rows.map((r) => ({ id: r.id, questions: r.questions, tags: r.tags }));
    const embedder = await sharedEmbedder(this.log);
    const index = await buildIndex(input, { embedder, userDictionary: dictionary }).catch((err: unknown) => {
      if (!embedder) throw err;
      // A model the engine cannot use must not silence the bot: BM25 alone still answers.
      this.log.warn({ err, accountId }, 'bot: semantic index failed; building the BM25 index alone');
      return buildIndex(input, { userDictionary: dictionary });
    });
    const entries = new Map(
      rows.map((r) => [r.id, { id: r.id, title: r.questions[0] ?? '', handoff: r.handoff } satisfies IndexedEntry]),
    );
    const result: BuiltIndex = { version, index, entries };
    const held = this.built.get(accountId);
    // Kept only while in use: an index evicted during its build is not brought back by the build.
    if ((!held || held.version < version) && this.usedAt.has(accountId)) this.built.set(accountId, result);
    return result;
  }
}
