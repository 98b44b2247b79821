import { Batches } from '../../platform/batches.js';
import type { AppContext } from '../../platform/context.js';
import { dispatchRound } from './dispatch.js';
import { WAITING } from './queue-sql.js';
import { RoutingSettingsCache } from './settings.js';

/** Rounds one run may take before yielding (each assigns up to a batch); the periodic sweep picks up the rest. */
const MAX_ROUNDS = 200;

type RunState = { running: boolean; waiters: (() => void)[] };

/**
 * This process's routing loop. Every trigger (a customer waiting, an agent free, a timer) kicks an inbox; kicks
 * arriving while a round runs are folded into one more round. Several processes may route the same inbox at
 * once: the row locks in `dispatchRound` keep them from assigning the same conversation or filling an agent
 * twice.
 */
export class Router {
  readonly settings: RoutingSettingsCache;
  private readonly runs = new Map<string, RunState>();
  /** Per account, one lookup-and-route at a time; kicks meanwhile (every resolve in a surge) share the next one. */
  private readonly accountKicks = new Batches<null, void>(async (accountId, inputs) => {
    const ids = await this.waitingInboxes(accountId);
    await Promise.all(ids.map((id) => this.kick(id)));
    return inputs.map(() => undefined);
  });
  /**
   * Inboxes (to their account) whose last round found every available agent full. A new arrival there needs no
   * round: only something that frees a place can assign it (`kickAccount`, or the sweep for other processes).
   */
  private readonly full = new Map<string, string>();
  /**
   * Counts the events that may free a place (`kickAccount`). A round that began before one of them may have seen
   * the agent still full: it must not mark the inbox full after the event cleared the mark.
   */
  private freeings = 0;
  private stopped = false;

  constructor(private readonly ctx: AppContext) {
    this.settings = new RoutingSettingsCache(ctx.db.pool);
  }

  /** The inbox's agents were all full at the last round and nothing has freed a place since. */
  isFull(inboxId: string): boolean {
    return this.full.has(inboxId);
  }

  /** Routes the inbox's queue; resolves once a round that started after this call has finished. */
  kick(inboxId: string): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      const state = this.runs.get(inboxId) ?? { running: false, waiters: [] };
      this.runs.set(inboxId, state);
      state.waiters.push(resolve);
      if (!state.running) void this.run(inboxId, state);
    });
  }

  private async run(inboxId: string, state: RunState): Promise<void> {
    state.running = true;
    while (state.waiters.length > 0 && !this.stopped) {
      const waiters = state.waiters.splice(0);
      try {
        const inbox = await this.settings.get(inboxId);
        for (let round = 0; inbox && round < MAX_ROUNDS; round++) {
          const seen = this.freeings;
          const { more, full } = await dispatchRound(this.ctx, inbox);
          if (full && seen === this.freeings) this.full.set(inboxId, inbox.accountId);
          else this.full.delete(inboxId);
          if (!more) break;
        }
      } catch (err) {
        if (!this.stopped) this.ctx.log.warn({ err, inboxId }, 'routing round failed');
      }
      for (const w of waiters) w();
    }
    for (const w of state.waiters.splice(0)) w();
    state.running = false;
    this.runs.delete(inboxId);
  }

  /** Routes every inbox of the account that has customers waiting (an agent became free or available). */
  kickAccount(accountId: string): void {
    this.freeings++;
    for (const [inboxId, account] of this.full) if (account === accountId) this.full.delete(inboxId);
    if (this.stopped) return;
    this.accountKicks.request(accountId, null).catch((err: unknown) => {
      if (!this.stopped) this.ctx.log.warn({ err }, 'routing kick failed');
    });
  }

  /** Inboxes with someone in the live queue (of one account, or of all). */
  async waitingInboxes(accountId?: string): Promise<string[]> {
    // Per inbox, the first waiting conversation found is enough (a surge's queue holds thousands).
    const { rows } = await this.ctx.db.pool.query<{ inbox_id: string }>(
      `SELECT i.id AS inbox_id FROM inboxes i
        WHERE ($1::uuid IS NULL OR i.account_id = $1)
          AND EXISTS (SELECT 1 FROM conversations c WHERE c.inbox_id = i.id AND ${WAITING('c')})`,
      [accountId ?? null],
    );
    return rows.map((r) => r.inbox_id);
  }

  stop(): void {
    this.stopped = true;
  }
}
