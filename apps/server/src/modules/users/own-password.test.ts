import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('changing your own password', () => {
  it('needs the current password, keeps this session and signs out every other one', async () => {
    const agent = server.demo.agents[1];
    if (!agent) throw new Error('demo agent missing');
    const here = await loginAs(server, agent.email, agent.password);
    const elsewhere = await loginAs(server, agent.email, agent.password);
    const path = `/api/v1/users/${here.user.id}`;

    const missing = await here.http('PATCH', path, { password: 'a-new-password-1' });
    expect(missing.status).toBe(403);
    const wrong = await here.http('PATCH', path, { password: 'a-new-password-1', currentPassword: 'not it' });
    expect(wrong.status).toBe(403);
    expect((await elsewhere.http('GET', '/api/v1/auth/me')).status).toBe(200);

    const ok = await here.http('PATCH', path, { password: 'a-new-password-1', currentPassword: agent.password });
    expect(ok.status).toBe(200);
    expect((await here.http('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await elsewhere.http('GET', '/api/v1/auth/me')).status).toBe(401);
    await expect(loginAs(server, agent.email, agent.password)).rejects.toThrow(/401/);
    await loginAs(server, agent.email, 'a-new-password-1');
  });
});
