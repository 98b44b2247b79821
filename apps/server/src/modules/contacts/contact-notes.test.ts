import type { ContactNote } from '@warmdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;
let admin: Http;
let agent1: Awaited<ReturnType<typeof loginAs>>;
let agent2: Http;

beforeAll(async () => {
  server = await startTestServer();
  admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
  const [a1, a2] = server.demo.agents;
  if (!a1 || !a2) throw new Error('demo agents missing');
  agent1 = await loginAs(server, a1.email, a1.password);
  agent2 = (await loginAs(server, a2.email, a2.password)).http;
});
afterAll(() => server.stop());

describe('notes about a contact', () => {
  it('are written and read by agents, newest first, with their author', async () => {
    const contact = await agent1.http<{ id: string }>('POST', '/api/v1/contacts', { name: 'Mr. Chen' });
    const path = `/api/v1/contacts/${contact.body.id}/notes`;
    const first = await agent1.http<ContactNote>('POST', path, { content: 'Prefers phone calls' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      contactId: contact.body.id,
      content: 'Prefers phone calls',
      author: { id: agent1.user.id, name: server.demo.agents[0]?.name },
    });
    await agent2('POST', path, { content: '老客户，买过三次' });
    const list = await agent2<{ items: ContactNote[] }>('GET', path);
    expect(list.body.items.map((n) => n.content)).toEqual(['老客户，买过三次', 'Prefers phone calls']);
    expect((await agent1.http('POST', path, { content: '   ' })).status).toBe(400);
  });

  it('are deleted by their author or an admin, nobody else', async () => {
    const contact = await agent1.http<{ id: string }>('POST', '/api/v1/contacts', { name: 'Ms. Li' });
    const path = `/api/v1/contacts/${contact.body.id}/notes`;
    const a = await agent1.http<ContactNote>('POST', path, { content: 'one' });
    const b = await agent1.http<ContactNote>('POST', path, { content: 'two' });
    const byOther = await agent2('DELETE', `${path}/${a.body.id}`);
    expect(byOther.status).toBe(403);
    expect(byOther.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await agent1.http('DELETE', `${path}/${a.body.id}`)).status).toBe(204);
    expect((await admin('DELETE', `${path}/${b.body.id}`)).status).toBe(204);
    expect((await admin('DELETE', `${path}/${b.body.id}`)).status).toBe(404);
    expect((await agent1.http<{ items: ContactNote[] }>('GET', path)).body.items).toEqual([]);
  });

  it('follow the contact when it is merged, and 404 for unknown contacts', async () => {
    const target = await agent1.http<{ id: string }>('POST', '/api/v1/contacts', { name: 'Target' });
    const source = await agent1.http<{ id: string }>('POST', '/api/v1/contacts', { name: 'Source' });
    await agent1.http('POST', `/api/v1/contacts/${source.body.id}/notes`, { content: 'from the source' });
    await agent1.http('POST', `/api/v1/contacts/${target.body.id}/merge`, { sourceContactId: source.body.id });
    const list = await agent1.http<{ items: ContactNote[] }>('GET', `/api/v1/contacts/${target.body.id}/notes`);
    expect(list.body.items.map((n) => n.content)).toEqual(['from the source']);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await agent1.http('GET', `/api/v1/contacts/${unknown}/notes`)).status).toBe(404);
    expect((await agent1.http('POST', `/api/v1/contacts/${unknown}/notes`, { content: 'x' })).status).toBe(404);
  });
});
