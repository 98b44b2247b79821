import type { CsatPage, CsatRecord } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  customerSession,
  type Http,
  loginAs,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { until } from '../../../test/sockets.js';
import { CSAT_RATED } from './events.js';

let server: TestServer;
let api: Http;
let userIds: Record<string, string>;
const published: { conversationId: string; score: number }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  api = (await apiClient(server)).http;
  const users = await api<{ items: { id: string; email: string }[] }>('GET', '/api/v1/users');
  userIds = Object.fromEntries(users.body.items.map((u) => [u.email, u.id]));
  server.ctx.bus.on(CSAT_RATED, (event) => {
    const { rating } = event.payload as { rating: CsatRecord };
    published.push({ conversationId: rating.conversationId, score: rating.score });
  });
});
afterAll(async () => {
  await server.stop();
});

const agent1 = () => server.demo.agents[0] ?? server.demo.admin;
const agent2 = () => server.demo.agents[1] ?? server.demo.admin;

async function customerWithConversation() {
  const session = await customerSession(server, server.demo.inboxKey);
  const conv = await session.http<{ id: string; displayId: number }>('POST', '/api/v1/widget/conversations', {});
  await session.http('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content: '我的订单还没到' });
  return { session, conversationId: conv.body.id };
}

async function patch(conversationId: string, body: Record<string, unknown>) {
  const res = await api('PATCH', `/api/v1/conversations/${conversationId}`, body);
  expect(res.status).toBe(200);
}

describe('rating a conversation (customer)', () => {
  it('is refused while the conversation is open', async () => {
    const { session, conversationId } = await customerWithConversation();
    const res = await session.http<{ error: { code: string; message: string } }>(
      'POST',
      `/api/v1/widget/conversations/${conversationId}/rating`,
      { score: 5 },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    expect(res.body.error.message).toContain('resolved');
    const read = await session.http('GET', `/api/v1/widget/conversations/${conversationId}/rating`);
    expect(read.status).toBe(404);
  });

  it('is stored once resolved, with the assignee, changed by a second post, and published', async () => {
    const { session, conversationId } = await customerWithConversation();
    const assignee = userIds[agent1().email];
    await patch(conversationId, { assigneeId: assignee });
    await patch(conversationId, { status: 'resolved' });
    const path = `/api/v1/widget/conversations/${conversationId}/rating`;

    const first = await session.http<{ score: number; comment: string | null; createdAt: string }>('POST', path, {
      score: 4,
      comment: '  回复很快 / quick reply  ',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ conversationId, score: 4, comment: '回复很快 / quick reply' });

    const second = await session.http<{ score: number; comment: string | null; createdAt: string }>('POST', path, {
      score: 2,
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ score: 2, comment: null, createdAt: first.body.createdAt });
    const read = await session.http<{ score: number }>('GET', path);
    expect(read.body.score).toBe(2);

    // Any agent of the account sees it, with the assignee at rating time.
    const agent = await loginAs(server, agent2().email, agent2().password);
    const seen = await agent.http<CsatRecord>('GET', `/api/v1/conversations/${conversationId}/rating`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ conversationId, score: 2, assignee: { id: assignee, name: agent1().name } });

    const events = await server.ctx.db.pool.query(
      "SELECT 1 FROM events WHERE type = $1 AND payload->'rating'->>'conversationId' = $2",
      [CSAT_RATED, conversationId],
    );
    expect(events.rowCount).toBe(2);
    await until(() => published.filter((p) => p.conversationId === conversationId).length === 2);
    expect(published.filter((p) => p.conversationId === conversationId).map((p) => p.score)).toEqual([4, 2]);
  });

  it('is neither given nor read by another customer', async () => {
    const { session, conversationId } = await customerWithConversation();
    await patch(conversationId, { status: 'resolved' });
    const path = `/api/v1/widget/conversations/${conversationId}/rating`;
    expect((await session.http('POST', path, { score: 5 })).status).toBe(200);
    const stranger = await customerSession(server, server.demo.inboxKey);
    const rate = await stranger.http<{ error: { code: string } }>('POST', path, { score: 1 });
    expect(rate.status).toBe(404);
    expect(rate.body.error.code).toBe('not_found');
    expect((await stranger.http('GET', path)).status).toBe(404);
    expect((await session.http<{ score: number }>('GET', path)).body.score).toBe(5);
  });

  it('is refused when the inbox does not ask for ratings', async () => {
    const { session, conversationId } = await customerWithConversation();
    await patch(conversationId, { status: 'resolved' });
    const setCsat = (on: boolean) =>
      server.ctx.db.pool.query(
        "UPDATE inboxes SET config = jsonb_set(config, '{widget}', COALESCE(config->'widget', '{}') || jsonb_build_object('csat', $2::boolean)) WHERE id = $1",
        [server.demo.inboxId, on],
      );
    await setCsat(false);
    const res = await session.http('POST', `/api/v1/widget/conversations/${conversationId}/rating`, { score: 4 });
    expect(res.status).toBe(403);
    await setCsat(true);
    const again = await session.http('POST', `/api/v1/widget/conversations/${conversationId}/rating`, { score: 4 });
    expect(again.status).toBe(200);
  });

  it('refuses a bad score with 400', async () => {
    const { session, conversationId } = await customerWithConversation();
    await patch(conversationId, { status: 'resolved' });
    const path = `/api/v1/widget/conversations/${conversationId}/rating`;
    for (const body of [{ score: 0 }, { score: 6 }, { score: 3.5 }, { score: '5' }, {}]) {
      const res = await session.http<{ error: { code: string } }>('POST', path, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await session.http('GET', path)).status).toBe(404);
  });

  it('needs a customer session', async () => {
    const { conversationId } = await customerWithConversation();
    const res = await fetch(`${server.url}/api/v1/widget/conversations/${conversationId}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 5 }),
    });
    expect(res.status).toBe(401);
  });
});

describe('ratings for agents', () => {
  it('answers 404 for a conversation without a rating', async () => {
    const { conversationId } = await customerWithConversation();
    const res = await api<{ error: { code: string } }>('GET', `/api/v1/conversations/${conversationId}/rating`);
    expect(res.status).toBe(404);
  });

  it('lists them for supervisors, filtered, paginated, with count and average', async () => {
    const assignee = userIds[agent2().email];
    const ids: string[] = [];
    for (const [i, score] of [5, 4, 2].entries()) {
      const { session, conversationId } = await customerWithConversation();
      await patch(conversationId, { assigneeId: assignee });
      await patch(conversationId, { status: 'resolved' });
      // A closed conversation can be rated too.
      if (i === 2) await patch(conversationId, { status: 'closed' });
      const res = await session.http('POST', `/api/v1/widget/conversations/${conversationId}/rating`, { score });
      expect(res.status).toBe(200);
      ids.push(conversationId);
    }
    const supervisor = await loginAs(server, server.demo.supervisor.email, server.demo.supervisor.password);
    const list = (query: string) => supervisor.http<CsatPage>('GET', `/api/v1/csat?${query}`);

    const all = await list(`assigneeId=${assignee}`);
    expect(all.status).toBe(200);
    expect(all.body.summary).toEqual({ count: 3, average: 3.67 });
    expect(all.body.items.map((r) => r.conversationId)).toEqual([...ids].reverse());
    expect(all.body.items[0]).toMatchObject({ score: 2, assignee: { id: assignee, name: agent2().name } });

    const first = await list(`assigneeId=${assignee}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.body.summary.count).toBe(3);
    const rest = await list(`assigneeId=${assignee}&limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.items.map((r) => r.conversationId)).toEqual([ids[0]]);
    expect(rest.body.nextCursor).toBeNull();

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await list(`assigneeId=${assignee}&from=${yesterday}`)).body.summary.count).toBe(3);
    expect((await list(`assigneeId=${assignee}&to=2000-01-01`)).body).toMatchObject({
      items: [],
      nextCursor: null,
      summary: { count: 0, average: null },
    });
    const soon = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await list(`assigneeId=${assignee}&to=${soon}`)).body.summary.count).toBe(3);

    const everyone = await list('');
    expect(everyone.body.summary.count).toBeGreaterThanOrEqual(3);
    expect((await list('from=yesterday')).status).toBe(400);
    expect((await list('cursor=nonsense')).status).toBe(400);

    const agent = await loginAs(server, agent1().email, agent1().password);
    const refused = await agent.http<{ error: { code: string } }>('GET', '/api/v1/csat');
    expect(refused.status).toBe(403);
  });
});
