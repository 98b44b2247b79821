/**
 * The orchestrator's own look into the server's embedded PostgreSQL: a load sampler (agents above capacity) and
 * the final checks (customer messages stored, routing decisions, conversations routed to two agents).
 */
import pg from 'pg';
import { persistedSecretFor } from '../../apps/server/src/platform/secrets.js';
import { log, sleep } from '../messaging/stats.js';

export async function openDb(dataDir: string, pgPort: number): Promise<pg.Client> {
  const password = persistedSecretFor(dataDir, 'pg-password');
  const client = new pg.Client({
    connectionString: `postgres://warmdesk:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/warmdesk`,
  });
  client.on('error', (err) => log('db', `client error: ${err.message}`));
  await client.connect();
  return client;
}

export type Samples = {
  samples: number;
  /** Agent-moments (agent x sample) with more open/pending assigned conversations than their capacity. */
  overCapacity: number;
  maxLoad: number;
  maxWaiting: number;
  maxAssigned: number;
  sampleP99Ms: number;
  errors: number;
};

/**
 * Every `intervalMs` (or right after the previous query when it took longer): each agent's open/pending assigned
 * conversations against their capacity, and how many open conversations wait unassigned. Stops on `stop()` or at
 * `deadline` (epoch ms), whichever comes first.
 */
export function startSampler(db: pg.Client, accountId: string, intervalMs: number, deadline: number) {
  const s: Samples = {
    samples: 0,
    overCapacity: 0,
    maxLoad: 0,
    maxWaiting: 0,
    maxAssigned: 0,
    sampleP99Ms: 0,
    errors: 0,
  };
  const took: number[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped && Date.now() < deadline) {
      const t0 = Date.now();
      const rows = await db
        .query<{ id: string | null; load: number; capacity: number | null }>(
          `SELECT c.assignee_user_id AS id, count(*)::int AS load, min(u.capacity) AS capacity
           FROM conversations c LEFT JOIN users u ON u.id = c.assignee_user_id
          WHERE c.account_id = $1 AND c.status IN ('open', 'pending') AND c.assignee_bot_id IS NULL
          GROUP BY c.assignee_user_id`,
          [accountId],
        )
        .then((r) => r.rows)
        .catch((err: unknown) => {
          s.errors++;
          if (s.errors <= 3) log('sampler', `query failed: ${err instanceof Error ? err.message : err}`);
          return [];
        });
      s.samples++;
      let assigned = 0;
      for (const r of rows) {
        if (r.id === null) {
          s.maxWaiting = Math.max(s.maxWaiting, r.load);
          continue;
        }
        assigned += r.load;
        s.maxLoad = Math.max(s.maxLoad, r.load);
        if (r.capacity !== null && r.load > r.capacity) s.overCapacity++;
      }
      s.maxAssigned = Math.max(s.maxAssigned, assigned);
      const ms = Date.now() - t0;
      took.push(ms);
      await sleep(Math.max(0, intervalMs - ms));
    }
  })();
  return {
    stop: async (): Promise<Samples> => {
      stopped = true;
      await done;
      took.sort((a, b) => a - b);
      s.sampleP99Ms = took[Math.min(took.length - 1, Math.floor(took.length * 0.99))] ?? 0;
      return s;
    },
  };
}

export type DbChecks = {
  customerMessagesStored: number;
  /** Routing decisions recorded in the timelines, by decision. */
  decisions: Record<string, number>;
  /** Conversations routed (assigned/picked) to two different users without a requeue in between. */
  doubleRouted: string[];
  /** Conversations of the inbox assigned to users that are not bench agents. */
  assignedToOthers: number;
  openAtEnd: number;
  /** Queue wait recorded by the server (queued_at to assigned_at), ms. */
  serverWaitP99Ms: number | null;
};

export async function finalChecks(
  db: pg.Client,
  accountId: string,
  inboxId: string,
  sent: { conversationId: string; clientMsgId: string }[],
  agentIds: string[],
): Promise<DbChecks> {
  const stored = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages m
       JOIN unnest($1::uuid[], $2::uuid[]) AS x(cid, mid) ON m.conversation_id = x.cid AND m.client_msg_id = x.mid
      WHERE m.sender_type = 'contact'`,
    [sent.map((s) => s.conversationId), sent.map((s) => s.clientMsgId)],
  );
  const decisions = await db.query<{ decision: string; n: number }>(
    `SELECT a->>'decision' AS decision, count(*)::int AS n
       FROM messages m, jsonb_array_elements(m.attachments) a
      WHERE m.account_id = $1 AND m.kind = 'event' AND a->>'type' = 'activity' AND a->>'action' = 'routing'
      GROUP BY 1`,
    [accountId],
  );
  const double = await db.query<{ id: string }>(
    `SELECT m.conversation_id AS id
       FROM messages m, jsonb_array_elements(m.attachments) a
      WHERE m.account_id = $1 AND m.kind = 'event' AND a->>'type' = 'activity' AND a->>'action' = 'routing'
      GROUP BY m.conversation_id
     HAVING count(DISTINCT a->>'to') FILTER (WHERE a->>'decision' IN ('assigned', 'picked')) > 1
        AND count(*) FILTER (WHERE a->>'decision' = 'requeued') = 0`,
    [accountId],
  );
  const others = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conversations
      WHERE inbox_id = $1 AND assignee_user_id IS NOT NULL AND NOT (assignee_user_id = ANY($2::uuid[]))`,
    [inboxId, agentIds],
  );
  const open = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conversations WHERE inbox_id = $1 AND status IN ('open', 'pending')`,
    [inboxId],
  );
  const wait = await db.query<{ p99: number | null }>(
    `SELECT percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM assigned_at - queued_at) * 1000) AS p99
       FROM conversations WHERE inbox_id = $1 AND assigned_at IS NOT NULL AND queued_at IS NOT NULL`,
    [inboxId],
  );
  const p99 = wait.rows[0]?.p99;
  return {
    customerMessagesStored: stored.rows[0]?.n ?? 0,
    decisions: Object.fromEntries(decisions.rows.map((r) => [r.decision, r.n])),
    doubleRouted: double.rows.map((r) => r.id),
    assignedToOthers: others.rows[0]?.n ?? 0,
    openAtEnd: open.rows[0]?.n ?? 0,
    serverWaitP99Ms: p99 === null || p99 === undefined ? null : Math.round(Number(p99)),
  };
}
