import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type AcceptHandles, addAcceptHandles, LISTEN_BACKLOG } from './accept-handles.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // A new connection per request (no keep-alive agent): each one is accepted from the listening socket.
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listening(): Promise<{ server: ReturnType<typeof createServer>; port: number; seen: Set<number> }> {
  const seen = new Set<number>();
  const server = createServer((req, res) => {
    seen.add(req.socket.remotePort ?? 0);
    // A busy turn: without duplicates this server accepts one connection per turn.
    const until = Date.now() + 2;
    while (Date.now() < until) {}
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', LISTEN_BACKLOG, resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

describe('extra accept handles', () => {
  it('are all listening when the call returns, take part in accepting, and stop with the server', async () => {
    const { server, port, seen } = await listening();
    const errors: unknown[] = [];
    const handles: AcceptHandles = await addAcceptHandles(server, 4, (err) => errors.push(err));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    expect(handles.count).toBe(4);

    const bodies = await Promise.all(Array.from({ length: 300 }, () => get(port)));
    expect(bodies.every((b) => b === 'ok')).toBe(true);
    expect(seen.size).toBe(300);
    expect(handles.accepted()).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    handles.close();
    expect(handles.count).toBe(0);
    expect(await get(port)).toBe('ok');
  });

  it('closing the server right after they arrive is safe, and the port is free afterwards', async () => {
    for (let round = 0; round < 3; round++) {
      const { server, port } = await listening();
      await addAcceptHandles(server, 8, (err) => {
        throw err;
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
    }
  });

  it('with a count of 0 adds nothing', async () => {
    const { server } = await listening();
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const handles = await addAcceptHandles(server, 0, () => undefined);
    expect(handles.count).toBe(0);
  });
});
