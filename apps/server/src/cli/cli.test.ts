import { afterAll, describe, expect, it } from 'vitest';
import { http } from '../../test/harness.js';
import { postgresPids, processTracker, runCli, startProcess, tempDataDir } from '../../test/process.js';

const { dirs, running, cleanup } = processTracker();
afterAll(cleanup);

type Seed = {
  accountId: string;
  inboxKey: string;
  apiToken: string;
  admin: { email: string; password: string };
  agents: unknown[];
};

describe('warmdesk CLI on the embedded default', () => {
  it('starts, seeds next to a running server, stops cleanly, and seeds without a server', async () => {
    const { dir, env } = await tempDataDir();
    dirs.push(dir);
    const server = await startProcess(env);
    running.push(server);
    expect(server.output()).toContain('admin@warmdesk.demo');
    expect(server.output()).toContain('/api/docs');

    const seeded = runCli(['seed', '--json'], env);
    expect(seeded.status, seeded.stderr).toBe(0);
    const seed = JSON.parse(seeded.stdout.trim()) as Seed;
    expect(seed).toMatchObject({ accountId: expect.any(String), inboxKey: expect.stringMatching(/^wdpk_/) });
    expect(seed.agents.length).toBeGreaterThanOrEqual(2);
    expect(server.output()).toContain(seed.inboxKey);
    expect(server.output()).toContain(seed.admin.password);
    const again = JSON.parse(runCli(['seed', '--json'], env).stdout.trim()) as Seed;
    expect(again.accountId).toBe(seed.accountId);
    expect(again.apiToken).not.toBe(seed.apiToken);
    const api = http(server.url, { authorization: `Bearer ${seed.apiToken}` });
    expect((await api('GET', '/api/v1/conversations')).status).toBe(200);
    expect(runCli(['migrate'], env).status).toBe(0);

    expect(postgresPids(dir).length).toBeGreaterThan(0);
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(postgresPids(dir)).toEqual([]);

    const offline = runCli(['seed', '--json'], env);
    expect(offline.status, offline.stderr).toBe(0);
    expect((JSON.parse(offline.stdout.trim()) as Seed).accountId).toBe(seed.accountId);
    expect(postgresPids(dir)).toEqual([]);
  });

  it('recovers after the server is killed, alone or together with its database', async () => {
    const { dir, env } = await tempDataDir();
    dirs.push(dir);
    const first = await startProcess(env);
    running.push(first);
    const seed = JSON.parse(runCli(['seed', '--json'], env).stdout.trim()) as Seed;

    first.proc.kill('SIGKILL');
    await first.exited;
    expect(postgresPids(dir).length).toBeGreaterThan(0);
    const second = await startProcess(env);
    running.push(second);
    const api = http(second.url, { authorization: `Bearer ${seed.apiToken}` });
    expect((await api('GET', '/api/v1/conversations')).status).toBe(200);

    second.proc.kill('SIGKILL');
    await second.exited;
    for (const pid of postgresPids(dir)) process.kill(pid, 'SIGKILL');
    const third = await startProcess(env);
    running.push(third);
    const api3 = http(third.url, { authorization: `Bearer ${seed.apiToken}` });
    expect((await api3('GET', '/api/v1/conversations')).status).toBe(200);
    third.proc.kill('SIGINT');
    expect(await third.exited).toBe(0);
    expect(postgresPids(dir)).toEqual([]);
  });

  it('refuses a bad configuration with a clear message', () => {
    const r = runCli(['start'], { WARMDESK_PORT: 'abc', WARMDESK_DATA_DIR: '/tmp/warmdesk-bad-config' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('WARMDESK_PORT');
    const u = runCli(['frobnicate'], {});
    expect(u.status).toBe(2);
  });
});
