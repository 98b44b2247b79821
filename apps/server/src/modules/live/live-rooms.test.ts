import type { LiveRoom, LiveRoomPublic, LiveStats, WidgetConfig } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoLogins,
  http,
  type loginAs,
  loginAs as signIn,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { liveRoom } from '../../../test/live-helpers.js';
import { createAccount } from '../accounts/create-account.js';

/** The rooms' realtime and REST side; media signalling is tested with the SFU (apps/server/src/media). */
let server: TestServer;
let admin: Awaited<ReturnType<typeof loginAs>>;
let agent: Awaited<ReturnType<typeof loginAs>>;
let secondAgent: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, agent } = await demoLogins(server));
  const second = server.demo.agents[1];
  if (!second) throw new Error('no second demo agent');
  secondAgent = await signIn(server, second.email, second.password);
});
afterAll(() => server.stop());

describe('live rooms over REST', () => {
  it('creates a room with cards and a share link, starts it, ends it and keeps its stats', async () => {
    const created = await agent.http<LiveRoom>('POST', '/api/v1/live/rooms', {
      title: '新品发布会',
      description: 'Q&A about the spring range',
      inboxId: server.demo.inboxId,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      cards: [{ title: 'Tea set', price: '¥199', linkUrl: 'https://shop.example/tea' }],
    });
    expect(created.status).toBe(201);
    const room = created.body;
    expect(room).toMatchObject({
      state: 'scheduled',
      host: { id: agent.user.id },
      inboxId: server.demo.inboxId,
      inboxKey: server.demo.inboxKey,
      bitrateCapKbps: 1500,
      publishing: false,
    });
    expect(room.shareUrl).toBe(`${server.url}/live/${room.slug}`);
    expect(room.cards).toEqual([
      expect.objectContaining({ title: 'Tea set', price: '¥199', pinned: false, clicks: 0 }),
    ]);

    const pub = await http(server.url)<LiveRoomPublic>('GET', `/api/v1/live/public/${room.slug}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ id: room.id, title: '新品发布会', state: 'scheduled', cards: [] });
    expect(pub.body).not.toHaveProperty('shareUrl');
    expect((await http(server.url)('GET', '/api/v1/live/public/unknown-slug-1')).status).toBe(404);

    const listed = await agent.http<{ items: LiveRoom[] }>('GET', '/api/v1/live/rooms');
    expect(listed.body.items.map((r) => r.id)).toContain(room.id);

    const started = await agent.http<LiveRoom>('POST', `/api/v1/live/rooms/${room.id}/start`);
    expect(started.body).toMatchObject({ state: 'live' });
    expect(started.body.startedAt).not.toBeNull();

    // The widget of the inbox shows it as live now.
    const config = await http(server.url)<WidgetConfig>(
      'GET',
      `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`,
    );
    expect(config.body.liveNow).toContainEqual({
      id: room.id,
      slug: room.slug,
      title: '新品发布会',
      url: room.shareUrl,
    });

    const ended = await agent.http<LiveRoom>('POST', `/api/v1/live/rooms/${room.id}/end`);
    expect(ended.body).toMatchObject({ state: 'ended', publishing: false });
    const stats = await agent.http<LiveStats>('GET', `/api/v1/live/rooms/${room.id}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ roomId: room.id, concurrentViewers: 0, uniqueViewers: 0, messages: 0 });
    const saved = await server.ctx.db.pool.query('SELECT final_stats FROM live_rooms WHERE id = $1', [room.id]);
    expect(saved.rows[0]?.final_stats).toMatchObject({ roomId: room.id });
    const events = await server.ctx.db.pool.query<{ type: string }>(
      "SELECT type FROM events WHERE type LIKE 'live.%' AND payload->>'roomId' = $1 ORDER BY id",
      [room.id],
    );
    expect(events.rows.map((e) => e.type)).toEqual(['live.created', 'live.started', 'live.ended']);
    const after = await http(server.url)<WidgetConfig>('GET', `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`);
    expect(after.body.liveNow?.map((r) => r.id) ?? []).not.toContain(room.id);
    // An ended room does not start again.
    expect((await agent.http('POST', `/api/v1/live/rooms/${room.id}/start`)).status).toBe(409);
  });

  it('lets the host, co-hosts, supervisors and admins change a room, and other agents only read it', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    const denied = await secondAgent.http('PATCH', `/api/v1/live/rooms/${room.id}`, { title: 'Taken over' });
    expect(denied.status).toBe(403);
    expect((await secondAgent.http('GET', `/api/v1/live/rooms/${room.id}`)).status).toBe(200);
    const patched = await agent.http<LiveRoom>('PATCH', `/api/v1/live/rooms/${room.id}`, {
      announcement: 'Today: 20% off',
      slowModeSeconds: 5,
      coHostUserIds: [secondAgent.user.id],
    });
    expect(patched.body).toMatchObject({ announcement: 'Today: 20% off', slowModeSeconds: 5 });
    expect(patched.body.coHosts.map((c) => c.id)).toEqual([secondAgent.user.id]);
    // Now a co-host: may change it and its cards.
    const card = await secondAgent.http<{ id: string }>('POST', `/api/v1/live/rooms/${room.id}/cards`, {
      title: 'Mug',
      linkUrl: 'https://shop.example/mug',
    });
    expect(card.status).toBe(201);
    const pinned = await secondAgent.http('PATCH', `/api/v1/live/rooms/${room.id}/cards/${card.body.id}`, {
      pinned: true,
    });
    expect(pinned.body).toMatchObject({ pinned: true, title: 'Mug' });
    const pub = await http(server.url)<LiveRoomPublic>('GET', `/api/v1/live/public/${room.slug}`);
    expect(pub.body.cards.map((c) => c.id)).toEqual([card.body.id]);
    expect((await admin.http('DELETE', `/api/v1/live/rooms/${room.id}/cards/${card.body.id}`)).status).toBe(204);
    expect((await admin.http('DELETE', `/api/v1/live/rooms/${room.id}/cards/${card.body.id}`)).status).toBe(404);
  });

  it('documents the routes in the OpenAPI reference', async () => {
    const spec = await http(server.url)<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/live/rooms',
        '/api/v1/live/rooms/{id}',
        '/api/v1/live/rooms/{id}/cards/{cardId}',
        '/api/v1/live/public/{slug}',
      ]),
    );
  });

  it('refuses bad input with clear validation errors', async () => {
    const noTitle = await agent.http<{ error: { code: string; message: string } }>('POST', '/api/v1/live/rooms', {
      inboxId: server.demo.inboxId,
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.code).toBe('validation_failed');
    const badCap = await agent.http('POST', '/api/v1/live/rooms', {
      title: 'x',
      inboxId: server.demo.inboxId,
      bitrateCapKbps: 50,
    });
    expect(badCap.status).toBe(400);
    const apiInbox = await agent.http('POST', '/api/v1/live/rooms', { title: 'x', inboxId: server.demo.apiInboxId });
    expect(apiInbox.status).toBe(404);
    const room = await liveRoom(agent.http, server.demo.inboxId);
    const badLink = await agent.http('POST', `/api/v1/live/rooms/${room.id}/cards`, {
      title: 'x',
      linkUrl: 'javascript:alert(1)',
    });
    expect(badLink.status).toBe(400);
  });

  it('keeps rooms of one account away from another account', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    const other = await createAccount(server.ctx.db.pool, {
      name: 'Other shop',
      adminEmail: 'live-boss@other.example',
      adminName: 'Other boss',
      password: 'other-password-1',
    });
    const outsider = await signIn(server, 'live-boss@other.example', 'other-password-1');
    for (const [method, path] of [
      ['GET', `/api/v1/live/rooms/${room.id}`],
      ['PATCH', `/api/v1/live/rooms/${room.id}`],
      ['POST', `/api/v1/live/rooms/${room.id}/end`],
      ['GET', `/api/v1/live/rooms/${room.id}/stats`],
      ['GET', `/api/v1/live/rooms/${room.id}/messages`],
      ['GET', `/api/v1/live/rooms/${room.id}/viewers`],
      ['GET', `/api/v1/live/rooms/${room.id}/qr.png`],
      ['POST', `/api/v1/live/rooms/${room.id}/cards`],
    ] as const) {
      const body =
        method === 'GET'
          ? undefined
          : method === 'PATCH'
            ? { title: 'x' }
            : method === 'POST' && path.endsWith('cards')
              ? { title: 'x', linkUrl: 'https://a.example' }
              : undefined;
      const res = await outsider.http(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const theirs = await outsider.http<{ items: LiveRoom[] }>('GET', '/api/v1/live/rooms');
    expect(theirs.body.items).toEqual([]);
    // Their inbox is not ours to host in.
    const foreignInbox = await agent.http('POST', '/api/v1/live/rooms', { title: 'x', inboxId: other.inboxId });
    expect(foreignInbox.status).toBe(404);
  });

  it('serves the share link as a QR code in PNG and SVG', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId);
    const png = await fetch(`${server.url}/api/v1/live/rooms/${room.id}/qr.png`, { headers: { cookie: agent.cookie } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const svg = await fetch(`${server.url}/api/v1/live/rooms/${room.id}/qr.svg`, { headers: { cookie: agent.cookie } });
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const anonymous = await fetch(`${server.url}/api/v1/live/rooms/${room.id}/qr.png`);
    expect(anonymous.status).toBe(401);
  });

  it('keeps a WebM recording as the replay of an ended room', async () => {
    const room = await liveRoom(agent.http, server.demo.inboxId, { recording: true });
    // The start of a WebM file (EBML header, DocType "webm"), then some bytes.
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
      Buffer.from('webm'),
      Buffer.alloc(5000, 7),
    ]);
    const form = new FormData();
    form.append('file', new Blob([webm], { type: 'video/webm' }), 'live.webm');
    const up = await fetch(`${server.url}/api/v1/live/rooms/${room.id}/recording`, {
      method: 'POST',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
      body: form,
    });
    expect(up.status, await up.clone().text()).toBe(200);
    await agent.http('POST', `/api/v1/live/rooms/${room.id}/end`);
    const pub = await http(server.url)<LiveRoomPublic>('GET', `/api/v1/live/public/${room.slug}`);
    expect(pub.body.replayUrl).toBe(`/api/v1/live/public/${room.slug}/replay`);
    const replay = await fetch(`${server.url}${pub.body.replayUrl}`);
    expect(replay.headers.get('content-type')).toBe('video/webm');
    expect(Buffer.from(await replay.arrayBuffer()).equals(webm)).toBe(true);
    const part = await fetch(`${server.url}${pub.body.replayUrl}`, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect([...Buffer.from(await part.arrayBuffer())]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  });
});
