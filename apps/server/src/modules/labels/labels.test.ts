import type { Conversation, LabelDefinition } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerSession,
  demoLogins,
  type Http,
  type loginAs,
  startTestServer,
  type TestServer,
} from '../../../test/harness.js';
import { connectSocket, until } from '../../../test/sockets.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof loginAs>>;
let agent: Http;

beforeAll(async () => {
  server = await startTestServer();
  const logins = await demoLogins(server);
  admin = logins.admin;
  agent = logins.agent.http;
});
afterAll(() => server.stop());

const labels = async () => (await agent<{ items: LabelDefinition[] }>('GET', '/api/v1/labels')).body.items;

describe('the label catalogue', () => {
  it('comes seeded with coloured labels', async () => {
    const seeded = await labels();
    expect(seeded.map((l) => l.name)).toEqual(expect.arrayContaining(['vip', 'refund', '售后', 'bug']));
    expect(seeded.every((l) => /^#[0-9a-f]{6}$/i.test(l.color))).toBe(true);
  });

  it('is kept by admins: create, recolour, refuse duplicates (audited)', async () => {
    const created = await admin.http<LabelDefinition>('POST', '/api/v1/labels', { name: 'wholesale' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'wholesale', color: '#1677ff', description: '' });
    expect((await admin.http('POST', '/api/v1/labels', { name: 'wholesale' })).status).toBe(409);
    expect((await admin.http('POST', '/api/v1/labels', { name: 'bad colour', color: 'red' })).status).toBe(400);
    const patched = await admin.http<LabelDefinition>('PATCH', `/api/v1/labels/${created.body.id}`, {
      color: '#52c41a',
      description: 'B2B orders',
    });
    expect(patched.body).toMatchObject({ name: 'wholesale', color: '#52c41a', description: 'B2B orders' });
    expect((await agent('PATCH', `/api/v1/labels/${created.body.id}`, { color: '#000000' })).status).toBe(403);
    const audit = await admin.http<{ items: { action: string }[] }>('GET', '/api/v1/audit-log');
    expect(audit.body.items.map((i) => i.action)).toEqual(expect.arrayContaining(['label.created', 'label.updated']));
  });

  it('deleting a label takes it off the conversations, which are published as changed', async () => {
    const created = await admin.http<LabelDefinition>('POST', '/api/v1/labels', { name: 'temporary' });
    const customer = await customerSession(server, server.demo.inboxKey);
    const conv = await customer.http<Conversation>('POST', '/api/v1/widget/conversations', {});
    // Conversations may carry names outside the catalogue too.
    await agent('PATCH', `/api/v1/conversations/${conv.body.id}`, { labels: ['temporary', 'ad-hoc'] });
    const socket = await connectSocket(server.url, 'agent', {}, { cookie: admin.cookie, origin: server.url });
    const updates: Conversation[] = [];
    socket.on('conversation:updated', (c) => updates.push(c));
    try {
      expect((await admin.http('DELETE', `/api/v1/labels/${created.body.id}`)).status).toBe(204);
      await until(() => updates.some((c) => c.id === conv.body.id));
      expect(updates.find((c) => c.id === conv.body.id)?.labels).toEqual(['ad-hoc']);
    } finally {
      socket.close();
    }
    const now = await agent<Conversation>('GET', `/api/v1/conversations/${conv.body.id}`);
    expect(now.body.labels).toEqual(['ad-hoc']);
    expect((await labels()).map((l) => l.name)).not.toContain('temporary');
    expect((await admin.http('DELETE', `/api/v1/labels/${created.body.id}`)).status).toBe(404);
  });
});
