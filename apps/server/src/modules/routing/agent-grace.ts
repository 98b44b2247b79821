import type { AppContext } from '../../platform/context.js';
import type { PresenceStore } from './presence-store.js';

/**
 * A disconnected agent turns away after the account's grace period unless a workspace of theirs is back (on
 * any process) by then; a flaky network or a page reload costs them nothing. Going away this way hands their
 * conversations to `onAway` (which applies each inbox's keep-or-requeue setting).
 */
export class AgentGrace {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly presence: PresenceStore,
    private readonly onAway: (accountId: string, userId: string) => Promise<void>,
  ) {}

  start(accountId: string, userId: string): void {
    this.cancel(userId);
    this.ctx.db.pool
      .query<{ seconds: number }>('SELECT away_after_disconnect_seconds AS seconds FROM accounts WHERE id = $1', [
        accountId,
      ])
      .then(({ rows }) => {
        const timer = setTimeout(
          () => {
            this.timers.delete(userId);
            this.expire(accountId, userId).catch((err: unknown) => this.ctx.log.warn({ err }, 'agent away failed'));
          },
          (rows[0]?.seconds ?? 60) * 1000,
        );
        timer.unref();
        this.timers.set(userId, timer);
      })
      .catch((err: unknown) => this.ctx.log.warn({ err }, 'agent grace failed'));
  }

  cancel(userId: string): void {
    const timer = this.timers.get(userId);
    if (timer) clearTimeout(timer);
    this.timers.delete(userId);
  }

  private async expire(accountId: string, userId: string): Promise<void> {
    if (this.ctx.presence.connectedUsers(accountId).includes(userId)) return;
    if (await this.presence.isConnected(userId)) return;
    const { rowCount } = await this.ctx.db.pool.query(
      "UPDATE users SET status = 'away', auto_away = true WHERE id = $1 AND status IN ('online', 'busy')",
      [userId],
    );
    if (rowCount) await this.onAway(accountId, userId);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
