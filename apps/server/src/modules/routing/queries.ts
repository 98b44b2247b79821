import type { QueueEntry, RoutingAgent, RoutingReport } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { OFFLINE_LABEL } from '../widget/leave-message.js';
import { PRESENCE_FRESH, PRIORITY_RANK, WAITING } from './queue-sql.js';

type QueueRow = {
  id: string;
  display_id: number;
  inbox_id: string;
  inbox_name: string;
  inbox_type: string;
  contact_id: string;
  contact_name: string | null;
  contact_email: string | null;
  vip: boolean;
  priority: QueueEntry['priority'];
  team_id: string | null;
  queued_at: Date | null;
  deferred_until: Date | null;
  topic: string | null;
  page_url: string | null;
  page_title: string | null;
  last_message: string | null;
  left_message: boolean;
  callback_phone: string | null;
  in_queue: boolean;
};

/**
 * Everyone waiting, as agents see the queue: per inbox in queue order (the inbox's VIP setting applies), then
 * those written outside business hours, who enter the queue at opening time.
 */
export async function listQueue(pool: Pool, accountId: string, inboxId?: string): Promise<QueueEntry[]> {
  const { rows } = await pool.query<QueueRow>(
    `SELECT c.id, c.display_id, c.inbox_id, i.name AS inbox_name, i.type AS inbox_type,
            c.contact_id, ct.name AS contact_name, ct.email AS contact_email,
            (c.vip OR COALESCE(ct.attributes->>'vip', '') = 'true') AS vip, c.priority, c.team_id, c.queued_at,
            c.deferred_until, ct.attributes->>'topic' AS topic, ci.context->>'url' AS page_url,
            ci.context->>'title' AS page_title,
            (SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.sender_type = 'contact'
              ORDER BY m.seq DESC LIMIT 1) AS last_message,
            ($3 = ANY(c.labels)) AS left_message, c.callback_phone, (${WAITING('c')}) AS in_queue
       FROM conversations c
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN contacts ct ON ct.id = c.contact_id
       LEFT JOIN contact_inboxes ci ON ci.id = c.contact_inbox_id
      WHERE c.account_id = $1 AND ($2::uuid IS NULL OR c.inbox_id = $2)
        AND c.status IN ('open', 'pending') AND c.assignee_user_id IS NULL
        AND (c.queued_at IS NOT NULL OR (c.deferred_until IS NOT NULL AND c.assignee_bot_id IS NULL))
      ORDER BY c.inbox_id, (c.queued_at IS NULL), ${PRIORITY_RANK('c')},
               CASE WHEN COALESCE((i.config->'routing'->>'vipFirst')::boolean, true) THEN NOT c.vip ELSE false END,
               c.queued_at, c.deferred_until, c.id
      LIMIT 1000`,
    [accountId, inboxId ?? null, OFFLINE_LABEL],
  );
  const positions = new Map<string, number>();
  return rows.map((r) => {
    const position = r.in_queue ? (positions.get(r.inbox_id) ?? 0) + 1 : null;
    if (position !== null) positions.set(r.inbox_id, position);
    return {
      conversationId: r.id,
      displayId: r.display_id,
      inboxId: r.inbox_id,
      inboxName: r.inbox_name,
      channel: r.inbox_type,
      contact: { id: r.contact_id, name: r.contact_name, email: r.contact_email, vip: r.vip },
      priority: r.priority,
      teamId: r.team_id,
      position,
      queuedAt: r.queued_at?.toISOString() ?? null,
      deferredUntil: r.deferred_until?.toISOString() ?? null,
      topic: r.topic,
      page: r.page_url ? { url: r.page_url, title: r.page_title || null } : null,
      lastMessage: r.last_message,
      leftMessage: r.left_message || r.callback_phone !== null,
      callbackPhone: r.callback_phone,
    };
  });
}

/** Every active agent with routing's view of them: status, connected anywhere, load and capacity. */
export async function listRoutingAgents(pool: Pool, accountId: string): Promise<RoutingAgent[]> {
  const { rows } = await pool.query<{
    id: string;
    name: string;
    status: RoutingAgent['status'];
    connected: boolean;
    load: number;
    capacity: number;
    last_assigned_at: Date | null;
  }>(
    `SELECT u.id, u.name, u.status, u.capacity, u.last_assigned_at,
            EXISTS (SELECT 1 FROM agent_presence p WHERE p.user_id = u.id AND p.sockets > 0
                      AND p.heartbeat_at > now() - ${PRESENCE_FRESH}) AS connected,
            (SELECT count(*) FROM conversations c WHERE c.account_id = u.account_id AND c.assignee_user_id = u.id
                AND c.status IN ('open', 'pending'))::int AS load
       FROM users u WHERE u.account_id = $1 AND u.active AND u.invite_token_hash IS NULL
      ORDER BY u.name`,
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    connected: r.connected,
    load: r.load,
    capacity: r.capacity,
    lastAssignedAt: r.last_assigned_at?.toISOString() ?? null,
  }));
}

/** Routing decisions counted over a period, queue waits and assignments per agent. */
export async function routingReport(
  pool: Pool,
  accountId: string,
  range: { from: Date; to: Date; inboxId?: string },
): Promise<RoutingReport> {
  const params = [accountId, range.from, range.to, range.inboxId ?? null];
  const scope = (e: string) => `${e}.account_id = $1 AND ${e}.type LIKE 'routing.%' AND ${e}.created_at >= $2
    AND ${e}.created_at < $3 AND ($4::text IS NULL OR ${e}.payload->>'inboxId' = $4)`;
  const counts = await pool.query<{ type: string; n: number }>(
    `SELECT type, count(*)::int AS n FROM events e WHERE ${scope('e')} GROUP BY type`,
    params,
  );
  const waits = await pool.query<{ avg: number | null; p90: number | null }>(
    `SELECT avg((payload->>'waitMs')::float8) / 1000 AS avg,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY (payload->>'waitMs')::float8) / 1000 AS p90
       FROM events e WHERE ${scope('e')} AND type IN ('routing.assigned', 'routing.picked') AND payload ? 'waitMs'`,
    params,
  );
  const perAgent = await pool.query<{ user_id: string; name: string; n: number }>(
    `SELECT e.payload->>'to' AS user_id, u.name, count(*)::int AS n
       FROM events e JOIN users u ON u.id::text = e.payload->>'to'
      WHERE ${scope('e')} AND e.type IN ('routing.assigned', 'routing.picked')
      GROUP BY 1, 2 ORDER BY 3 DESC`,
    params,
  );
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    decisions: Object.fromEntries(counts.rows.map((r) => [r.type.slice('routing.'.length), r.n])),
    averageWaitSeconds: waits.rows[0]?.avg ?? null,
    p90WaitSeconds: waits.rows[0]?.p90 ?? null,
    perAgent: perAgent.rows.map((r) => ({ userId: r.user_id, name: r.name, assigned: r.n })),
  };
}
