import type { Pool } from 'pg';
import { PRESENCE_FRESH } from './queue-sql.js';
import type { InboxRouting } from './settings.js';

export type WaitBasis = {
  /** Mean handle time (assigned to resolved) of the inbox's recent conversations; null without any. */
  handleSeconds: number | null;
  /** Places the inbox's available agents have in all (capacity, capped per inbox). */
  slots: number;
};

const CACHE_MS = 5000;

/** What an estimated wait is computed from, per inbox, refreshed every five seconds. */
export class WaitEstimator {
  private readonly cache = new Map<string, { at: number; value: Promise<WaitBasis> }>();
  constructor(private readonly pool: Pool) {}

  basis(inbox: InboxRouting): Promise<WaitBasis> {
    const hit = this.cache.get(inbox.id);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = this.load(inbox);
    this.cache.set(inbox.id, { at: Date.now(), value });
    value.catch(() => this.cache.delete(inbox.id));
    return value;
  }

  private async load(inbox: InboxRouting): Promise<WaitBasis> {
    const handle = await this.pool.query<{ seconds: number | null }>(
      `SELECT avg(extract(epoch FROM resolved_at - assigned_at))::float8 AS seconds FROM (
         SELECT resolved_at, assigned_at FROM conversations
          WHERE inbox_id = $1 AND resolved_at > now() - interval '2 hours' AND assigned_at IS NOT NULL
            AND resolved_at >= assigned_at
          ORDER BY resolved_at DESC LIMIT 200) recent`,
      [inbox.id],
    );
    const slots = await this.pool.query<{ slots: number | null }>(
      `SELECT sum(LEAST(u.capacity, COALESCE($3::int, u.capacity)))::int AS slots FROM users u
        WHERE u.account_id = $1 AND u.active AND u.status = 'online'
          AND EXISTS (SELECT 1 FROM agent_presence p
                       WHERE p.user_id = u.id AND p.sockets > 0 AND p.heartbeat_at > now() - ${PRESENCE_FRESH})
          AND (cardinality($2::uuid[]) = 0
               OR EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = ANY($2::uuid[])))`,
      [inbox.accountId, inbox.routing.teamIds, inbox.routing.agentCapacity],
    );
    return { handleSeconds: handle.rows[0]?.seconds ?? null, slots: slots.rows[0]?.slots ?? 0 };
  }
}
