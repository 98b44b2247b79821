import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLogins, startTestServer, type TestServer } from '../../../test/harness.js';
import { join, liveRoom, ok, viewer } from '../../../test/live-helpers.js';
import { connectSocket } from '../../../test/sockets.js';

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
});

describe('a server stopping while viewers watch', () => {
  it('records their leaving and watch time before its database closes', async () => {
    server = await startTestServer();
    const { agent } = await demoLogins(server);
    const host = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie });
    const room = await liveRoom(agent.http, server.demo.inboxId);
    ok(await join(host, room.id));
    const viewers = [];
    for (let i = 0; i < 20; i++) {
      const v = await viewer(server, server.demo.inboxKey);
      ok(await join(v.socket, room.id));
      viewers.push(v);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    await server.close();

    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ connections: number; left: boolean; watch_ms: number }>(
        'SELECT connections, left_at IS NOT NULL AS left, watch_ms FROM live_viewers WHERE room_id = $1',
        [room.id],
      );
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        expect(row).toMatchObject({ connections: 0, left: true });
        expect(row.watch_ms).toBeGreaterThanOrEqual(300);
      }
    } finally {
      await client.end();
      for (const v of viewers) v.socket.close();
      host.close();
    }
  });
});
