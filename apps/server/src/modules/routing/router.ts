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
  private readonly accountKicks = new Set<string>();
  private stopped = false;

  constructor(private readonly ctx: AppContext) {
    this.settings = new RoutingSettingsCache(ctx.db.pool);
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
          const { more } = await dispatchRound(this.ctx, inbox);
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
    if (this.accountKicks.has(accountId) || this.stopped) return;
    this.accountKicks.add(accountId);
    setImmediate(() => {
      this.accountKicks.delete(accountId);
      this.waitingInboxes(accountId)
        .then((ids) => Promise.all(ids.map((id) => this.kick(id))))
        .catch((err: unknown) => {
          if (!this.stopped) this.ctx.log.warn({ err }, 'routing kick failed');
        });
    });
  }

  /** Inboxes with someone in the live queue (of one account, or of all). */
  async waitingInboxes(accountId?: string): Promise<string[]> {
    const { rows } = await this.ctx.db.pool.query<{ inbox_id: string }>(
      `SELECT DISTINCT inbox_id FROM conversations
        WHERE ${WAITING('conversations')} AND ($1::uuid IS NULL OR account_id = $1)`,
      [accountId ?? null],
    );
    return rows.map((r) => r.inbox_id);
  }

  stop(): void {
    this.stopped = true;
  }
}
