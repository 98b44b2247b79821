import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  changeInboxes,
  customerSession,
  type Http,
  http,
  loginAs,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { collect, connectSocket, type TestSocket, until } from '../../../test/sockets.js';
import { startConversation } from '../conversations/create-conversation.js';
import { identityHmac } from './identify.js';

let server: TestServer;
let api: Http;
let apiToken: string;
let inboxSecret: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const c = await apiClient(server);
  api = c.http;
  apiToken = c.token;
  const { rows } = await server.ctx.db.pool.query<{ secret: string }>('SELECT secret FROM inboxes WHERE id = $1', [
    server.demo.inboxId,
  ]);
  inboxSecret = rows[0]?.secret ?? '';
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
});

async function setWidget(widget: Record<string, unknown>) {
  await changeInboxes(server, "UPDATE inboxes SET config = jsonb_build_object('widget', $2::jsonb) WHERE id = $1", [
    server.demo.inboxId,
    JSON.stringify(widget),
  ]);
}

async function chatting(text: string) {
  const session = await customerSession(server, server.demo.inboxKey);
  const conv = await session.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
  await session.http('POST', `/api/v1/widget/conversations/${conv.body.id}/messages`, { content: text });
  return { ...session, conversationId: conv.body.id };
}

const titles = async (s: { http: Http }) =>
  (await s.http<{ items: { id: string }[] }>('GET', '/api/v1/widget/conversations')).body.items.map((c) => c.id);

describe('widget config and allowed sites', () => {
  it('gives the public settings, never the allowed-origin list, and whether anyone is there', async () => {
    await setWidget({ color: '#aa3300', allowedOrigins: ['http://shop.example'] });
    const get = http(server.url);
    const res = await get<{ settings: Record<string, unknown>; agentsOnline: boolean; upload: { maxBytes: number } }>(
      'GET',
      `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`,
      undefined,
      { origin: 'http://shop.example' },
    );
    expect(res.status).toBe(200);
    expect(res.body.settings.color).toBe('#aa3300');
    expect(res.body.settings).not.toHaveProperty('allowedOrigins');
    expect(res.body.agentsOnline).toBe(false);
    expect(res.body).toMatchObject({ botFirst: false });
    expect(res.body.upload.maxBytes).toBeGreaterThan(0);

    const agent = await connectSocket(server.url, 'agent', { token: apiToken });
    sockets.push(agent);
    await until(() => server.ctx.presence.connectedUsers(server.demo.accountId).length > 0);
    const later = await get<{ agentsOnline: boolean }>('GET', `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`);
    expect(later.body.agentsOnline).toBe(true);
    agent.close();
  });

  it('applies allowed sites changed in the admin console to the next visitor at once', async () => {
    await setWidget({});
    const visit = async (origin: string) =>
      (await http(server.url)('POST', '/api/v1/widget/sessions', { inboxKey: server.demo.inboxKey }, { origin }))
        .status;
    expect(await visit('http://elsewhere.example')).toBe(200);
    const admin = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
    const changed = await admin.http('PATCH', `/api/v1/inboxes/${server.demo.inboxId}`, {
      config: { widget: { allowedOrigins: ['http://shop.example'] } },
    });
    expect(changed.status).toBe(200);
    expect(await visit('http://elsewhere.example')).toBe(403);
    expect(await visit('http://shop.example')).toBe(200);
    await setWidget({});
  });

  it("follows the agents' own status: signing in makes one available, away or offline does not", async () => {
    const agentOnline = async () =>
      (
        await http(server.url)<{ agentsOnline: boolean }>(
          'GET',
          `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`,
        )
      ).body.agentsOnline;
    const [agent1] = server.demo.agents;
    if (!agent1) throw new Error('demo agent missing');
    await server.ctx.db.pool.query("UPDATE users SET status = 'offline' WHERE account_id = $1", [
      server.demo.accountId,
    ]);
    const session = await loginAs(server, agent1.email, agent1.password);
    const me = await session.http<{ user: { status: string } }>('GET', '/api/v1/auth/me');
    expect(me.body.user.status).toBe('online');
    const socket = await connectSocket(server.url, 'agent', {}, { cookie: session.cookie });
    sockets.push(socket);
    await until(() => server.ctx.presence.connectedUsers(server.demo.accountId).length > 0);
    expect(await agentOnline()).toBe(true);
    await session.http('PATCH', `/api/v1/users/${session.user.id}`, { status: 'away' });
    expect(await agentOnline()).toBe(false);
    await session.http('PATCH', `/api/v1/users/${session.user.id}`, { status: 'online' });
    expect(await agentOnline()).toBe(true);
    socket.close();
    expect((await session.http('POST', '/api/v1/auth/logout')).status).toBe(204);
    const { rows } = await server.ctx.db.pool.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [
      session.user.id,
    ]);
    expect(rows[0]?.status).toBe('offline');
    await server.ctx.db.pool.query("UPDATE users SET status = 'online' WHERE account_id = $1", [server.demo.accountId]);
  });

  it('says whether the inbox is within its business hours', async () => {
    const get = http(server.url);
    const config = () => get<{ open: boolean }>('GET', `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`);
    expect((await config()).body.open).toBe(true);
    // Enabled with no opening hours at all: closed now, whatever the time.
    await setWidget({ businessHours: { enabled: true, timezone: 'Asia/Shanghai', weekly: {} } });
    expect((await config()).body.open).toBe(false);
    const allWeek = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
    );
    await setWidget({ businessHours: { enabled: true, timezone: 'Asia/Shanghai', weekly: allWeek } });
    expect((await config()).body.open).toBe(true);
    await setWidget({});
  });

  it('refuses config and sessions to a site that is not allowed', async () => {
    await setWidget({ allowedOrigins: ['http://shop.example'] });
    const get = http(server.url);
    const config = await get('GET', `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`, undefined, {
      origin: 'http://evil.example',
    });
    expect(config.status).toBe(403);
    const session = await get(
      'POST',
      '/api/v1/widget/sessions',
      { inboxKey: server.demo.inboxKey },
      {
        origin: 'http://evil.example',
      },
    );
    expect(session.status).toBe(403);
    const allowed = await get(
      'POST',
      '/api/v1/widget/sessions',
      { inboxKey: server.demo.inboxKey },
      {
        origin: 'http://shop.example',
      },
    );
    expect(allowed.status).toBe(200);
    await setWidget({});
  });
});

describe('starting a chat', () => {
  it('gives tabs or devices that start the chat at the same moment one conversation, and the same one later', async () => {
    const s = await customerSession(server, server.demo.inboxKey);
    const { rows } = await server.ctx.db.pool.query<{ id: string }>(
      'SELECT id FROM contact_inboxes WHERE contact_id = $1',
      [s.contactId],
    );
    const customer = {
      accountId: server.demo.accountId,
      inboxId: server.demo.inboxId,
      contactId: s.contactId,
      contactInboxId: rows[0]?.id ?? '',
    };
    // Straight at the server's function, all eight held at the per-customer lock until every one is past its
    // first look for an open conversation: they overlap for sure, as tabs on a slow network may.
    const holder = await server.ctx.db.pool.connect();
    let started: Awaited<ReturnType<typeof startConversation>>[];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${s.contactId}:${server.demo.inboxId}`]);
      const starting = Promise.all(Array.from({ length: 8 }, () => startConversation(server.ctx, customer)));
      for (let i = 0; i < 250; i++) {
        const { rows: blocked } = await server.ctx.db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        );
        if ((blocked[0]?.n ?? 0) >= 8) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await holder.query('COMMIT');
      started = await starting;
    } finally {
      holder.release();
    }
    const ids = new Set(started.map((c) => c.id));
    expect(ids.size).toBe(1);
    const again = await s.http<{ id: string }>('POST', '/api/v1/widget/conversations', {});
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(started[0]?.id);
    expect(await titles(s)).toEqual([...ids]);
  });
});

describe('identify', () => {
  it('keeps identity fields as unverified attributes without a valid HMAC', async () => {
    const s = await chatting('hi');
    const wrong = await s.http<{ verified: boolean; switched: boolean }>('POST', '/api/v1/widget/identify', {
      userId: 'user-1',
      email: 'li@example.com',
      hmac: 'a'.repeat(64),
    });
    expect(wrong.body).toMatchObject({ verified: false, switched: false });
    const contact = await api<{ email: string | null; attributes: Record<string, unknown> }>(
      'GET',
      `/api/v1/contacts/${s.contactId}`,
    );
    expect(contact.body.email).toBeNull();
    expect(contact.body.attributes).toMatchObject({ unverified_user_id: 'user-1', unverified_email: 'li@example.com' });
  });

  it('brings the same verified person on two devices to one contact with the whole history, live', async () => {
    const userId = `u-${Date.now()}`;
    const hmac = identityHmac(inboxSecret, userId);
    const laptop = await chatting('on my laptop');
    const first = await laptop.http<{ verified: boolean; contactId: string }>('POST', '/api/v1/widget/identify', {
      userId,
      name: '李雷',
      hmac,
    });
    expect(first.body).toMatchObject({ verified: true, contactId: laptop.contactId, switched: false });

    const phone = await chatting('now on my phone');
    const second = await phone.http<{ verified: boolean; contactId: string; switched: boolean }>(
      'POST',
      '/api/v1/widget/identify',
      { userId, hmac },
    );
    expect(second.body).toMatchObject({ verified: true, contactId: laptop.contactId, switched: true });
    // Both sessions now see both conversations (the phone's anonymous chat was merged in).
    expect((await titles(phone)).sort()).toEqual([laptop.conversationId, phone.conversationId].sort());
    expect((await titles(laptop)).sort()).toEqual([laptop.conversationId, phone.conversationId].sort());
    const history = await phone.http<{ messages: { content: string }[] }>(
      'GET',
      `/api/v1/widget/conversations/${laptop.conversationId}/messages`,
    );
    expect(history.body.messages.map((m) => m.content)).toEqual(['on my laptop']);
    // A reply in the laptop's conversation reaches a socket of the phone session.
    const phoneSocket = await connectSocket(server.url, 'customer', { sessionToken: phone.sessionToken });
    sockets.push(phoneSocket);
    const received = collect(phoneSocket);
    await api('POST', `/api/v1/conversations/${laptop.conversationId}/messages`, { content: '您好，李雷' });
    await until(() => received.some((m) => m.content === '您好，李雷'));
    const contact = await api<{ name: string }>('GET', `/api/v1/contacts/${laptop.contactId}`);
    expect(contact.body.name).toBe('李雷');
  });

  it('gives a second person signing in on the same browser their own contact', async () => {
    const shared = await chatting('first person');
    const a = `a-${Date.now()}`;
    const b = `b-${Date.now()}`;
    await shared.http('POST', '/api/v1/widget/identify', { userId: a, hmac: identityHmac(inboxSecret, a) });
    const res = await shared.http<{ contactId: string; switched: boolean }>('POST', '/api/v1/widget/identify', {
      userId: b,
      hmac: identityHmac(inboxSecret, b),
    });
    expect(res.body.switched).toBe(true);
    expect(res.body.contactId).not.toBe(shared.contactId);
    expect(await titles(shared)).toEqual([]);
  });
});

describe('page context and offline messages', () => {
  it('keeps the page context of the session for agents', async () => {
    const s = await chatting('looking at shoes');
    const context = {
      url: 'https://shop.example/shoes?utm_source=wechat',
      title: 'Shoes',
      referrer: 'https://search.example/',
      utm: { source: 'wechat' },
      userAgent: 'test',
      language: 'zh-CN',
      timezone: 'Asia/Shanghai',
      trail: [{ url: 'https://shop.example/', title: 'Home', at: new Date().toISOString() }],
    };
    expect((await s.http('POST', '/api/v1/widget/context', context)).status).toBe(200);
    const seen = await api<{ context: typeof context; lastSeenAt: string }>(
      'GET',
      `/api/v1/conversations/${s.conversationId}/customer-context`,
    );
    expect(seen.body.context).toMatchObject({ title: 'Shoes', timezone: 'Asia/Shanghai', utm: { source: 'wechat' } });
    expect(seen.body.context.trail).toHaveLength(1);
    expect(seen.body.lastSeenAt).not.toBeNull();
    const bad = await s.http('POST', '/api/v1/widget/context', { url: 5 });
    expect(bad.status).toBe(400);
  });

  it('keeps a message left while nobody is there as a labelled conversation with a way to reply', async () => {
    const s = await customerSession(server, server.demo.inboxKey);
    const missing = await s.http('POST', '/api/v1/widget/offline-messages', { content: '请回电' });
    expect(missing.status).toBe(400);
    const left = await s.http<{ conversation: { id: string }; message: { content: string } }>(
      'POST',
      '/api/v1/widget/offline-messages',
      { content: '请回电', phone: '+86 138 0000 0000', name: '韩梅梅' },
    );
    expect(left.status).toBe(201);
    const conv = await api<{ labels: string[]; status: string }>(
      'GET',
      `/api/v1/conversations/${left.body.conversation.id}`,
    );
    expect(conv.body.labels).toContain('offline_message');
    expect(conv.body.status).toBe('open');
    const contact = await api<{ phone: string; name: string }>('GET', `/api/v1/contacts/${s.contactId}`);
    expect(contact.body).toMatchObject({ phone: '+86 138 0000 0000', name: '韩梅梅' });
  });
});
