import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PRESENCE_FRESH } from './queue-sql.js';

/**
 * Agent connections shared by all server processes through the `agent_presence` table: one row per agent and
 * process with its socket count and a heartbeat. Writes for one agent are chained, so a quick disconnect and
 * reconnect reach the database in order.
 */
export class PresenceStore {
  readonly nodeId = randomUUID();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly pool: Pool) {}

  private chain<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(userId) ?? Promise.resolve()).then(fn, fn);
    const settled = next.catch(() => undefined);
    this.chains.set(userId, settled);
    void settled.then(() => {
      if (this.chains.get(userId) === settled) this.chains.delete(userId);
    });
    return next;
  }

  /** Counts a new socket; an agent the grace period had turned away is online again. Returns whether that happened. */
  connected(accountId: string, userId: string): Promise<boolean> {
    return this.chain(userId, async () => {
      await this.pool.query(
        `INSERT INTO agent_presence (user_id, node_id, account_id, sockets) VALUES ($1, $2, $3, 1)
         ON CONFLICT (user_id, node_id) DO UPDATE SET sockets = agent_presence.sockets + 1, heartbeat_at = now()`,
        [userId, this.nodeId, accountId],
      );
      const back = await this.pool.query(
        "UPDATE users SET status = 'online', auto_away = false WHERE id = $1 AND auto_away RETURNING id",
        [userId],
      );
      return (back.rowCount ?? 0) > 0;
    });
  }

  disconnected(userId: string): Promise<void> {
    return this.chain(userId, async () => {
      await this.pool.query('UPDATE agent_presence SET sockets = sockets - 1 WHERE user_id = $1 AND node_id = $2', [
        userId,
        this.nodeId,
      ]);
      await this.pool.query('DELETE FROM agent_presence WHERE user_id = $1 AND node_id = $2 AND sockets <= 0', [
        userId,
        this.nodeId,
      ]);
    });
  }

  /** Whether the agent has a workspace open on any process now. */
  async isConnected(userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM agent_presence WHERE user_id = $1 AND sockets > 0 AND heartbeat_at > now() - ${PRESENCE_FRESH}`,
      [userId],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Keeps this process's rows fresh; rows of a process that died go stale and stop counting. */
  async heartbeat(): Promise<void> {
    await this.pool.query('UPDATE agent_presence SET heartbeat_at = now() WHERE node_id = $1', [this.nodeId]);
    await this.pool.query(`DELETE FROM agent_presence WHERE heartbeat_at < now() - interval '10 minutes'`);
  }

  async close(): Promise<void> {
    await this.pool.query('DELETE FROM agent_presence WHERE node_id = $1', [this.nodeId]);
  }
}
