import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type Http, loginAs } from '../../../test/harness.js';
import { processTracker, type ServerProcess, startProcess, tempDataDir } from '../../../test/process.js';
import { customerWrites, type OnlineAgent, onlineAgent, routingScenario } from '../../../test/routing-helpers.js';
import { ensureDemoAccount } from '../accounts/seed-demo.js';

/*
 * Two real server processes on one database, each routing on its own: agents connected to either, customers
 * writing to either. Assignment must stay within capacity and give each conversation one agent.
 */
const tracker = processTracker();
const closers: (() => unknown)[] = [];
let dropDatabase: (() => Promise<void>) | undefined;
let nodes: ServerProcess[] = [];
let pool: pg.Pool;
let admin: Http;

beforeAll(async () => {
  const db = await createTestDatabase();
  dropDatabase = db.drop;
  const secret = randomBytes(24).toString('hex');
  for (let i = 0; i < 2; i++) {
    const { dir, env } = await tempDataDir();
    tracker.dirs.push(dir);
    const node = await startProcess({ ...env, DATABASE_URL: db.url, WARMDESK_SESSION_SECRET: secret });
    tracker.running.push(node);
    nodes.push(node);
  }
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  const demo = await ensureDemoAccount(pool);
  admin = (await loginAs({ url: nodes[0]?.url ?? '' }, demo.admin.email, demo.admin.password)).http;
});
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  await pool?.end();
  tracker.cleanup();
  nodes = [];
  await dropDatabase?.();
});

const node = (i: number) => ({ url: nodes[i % 2]?.url ?? '' });

/** Per agent: open or pending conversations assigned now, against capacity. */
async function overCapacity(userIds: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT u.id FROM users u JOIN conversations c ON c.assignee_user_id = u.id AND c.status IN ('open', 'pending')
        WHERE u.id = ANY($1::uuid[]) GROUP BY u.id, u.capacity HAVING count(*) > u.capacity) over`,
    [userIds],
  );
  return rows[0]?.n ?? 0;
}

async function counts(inboxId: string) {
  const { rows } = await pool.query<{ assigned: number; waiting: number; doubly: number }>(
    `SELECT
       (SELECT count(*) FROM conversations WHERE inbox_id = $1 AND assignee_user_id IS NOT NULL
           AND status IN ('open', 'pending'))::int AS assigned,
       (SELECT count(*) FROM conversations WHERE inbox_id = $1 AND queued_at IS NOT NULL
           AND assignee_user_id IS NULL AND status IN ('open', 'pending'))::int AS waiting,
       (SELECT count(*) FROM (SELECT payload->>'conversationId' FROM events
          WHERE type = 'routing.assigned' AND payload->>'inboxId' = $1::text
          GROUP BY 1 HAVING count(*) > 1) twice)::int AS doubly`,
    [inboxId],
  );
  return rows[0] ?? { assigned: 0, waiting: 0, doubly: 0 };
}

/** Polls until `done`, sampling over-capacity on every poll; returns the worst sample. */
async function watchUntil(userIds: string[], done: () => Promise<boolean>, ms: number): Promise<number> {
  let worst = 0;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    worst = Math.max(worst, await overCapacity(userIds));
    if (await done()) return worst;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('routing across two server processes', () => {
  it('never fills an agent past capacity or gives a conversation two agents', async () => {
    const s = await routingScenario(admin, { agents: 10, capacity: 2 });
    const agents: OnlineAgent[] = await Promise.all(s.agents.map((a, i) => onlineAgent(node(i), a.email, a.password)));
    closers.push(() => {
      for (const a of agents) a.socket.close();
    });
    const ids = s.agents.map((a) => a.id);
    const customers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => customerWrites(node(i), s.inboxKey, `surge ${i}`)),
    );
    closers.push(() => {
      for (const c of customers) c.socket.close();
    });
    const worst = await watchUntil(
      ids,
      async () => {
        const now = await counts(s.inboxId);
        return now.assigned === 20 && now.waiting === 20;
      },
      20_000,
    );
    expect(worst).toBe(0);
    expect(await counts(s.inboxId)).toEqual({ assigned: 20, waiting: 20, doubly: 0 });

    // Half the agents each resolve one, on both processes at once: the freed places go to waiting customers.
    const { rows } = await pool.query<{ id: string; assignee_user_id: string }>(
      `SELECT DISTINCT ON (assignee_user_id) id, assignee_user_id FROM conversations
        WHERE inbox_id = $1 AND assignee_user_id IS NOT NULL ORDER BY assignee_user_id, id LIMIT 5`,
      [s.inboxId],
    );
    await Promise.all(
      rows.map((r) =>
        agents
          .find((a) => a.user.id === r.assignee_user_id)
          ?.http('PATCH', `/api/v1/conversations/${r.id}`, { status: 'resolved' }),
      ),
    );
    const later = await watchUntil(ids, async () => (await counts(s.inboxId)).waiting === 15, 20_000);
    expect(later).toBe(0);
    expect(await counts(s.inboxId)).toEqual({ assigned: 20, waiting: 15, doubly: 0 });
  });

  it('lets only one of two agents on different processes pick the same conversation', async () => {
    const s = await routingScenario(admin, { agents: 2, capacity: 5, routing: { policy: 'manual' } });
    const [p, q] = await Promise.all(s.agents.map((a, i) => onlineAgent(node(i), a.email, a.password)));
    closers.push(() => {
      for (const a of [p, q]) a?.socket.close();
    });
    const c = await customerWrites(node(0), s.inboxKey, 'pick me');
    closers.push(() => c.socket.close());
    for (let round = 0; round < 5; round++) {
      const target = round === 0 ? c : await customerWrites(node(round), s.inboxKey, `pick me ${round}`);
      if (round > 0) closers.push(() => target.socket.close());
      const results = await Promise.all(
        [p, q].map((a) => a?.http('POST', `/api/v1/queue/${target.conversationId}/pick`)),
      );
      expect(results.map((r) => r?.status).sort()).toEqual([200, 409]);
    }
  });
});
