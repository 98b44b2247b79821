import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type AcceptHandles, addAcceptHandles, EXTRA_ACCEPT_HANDLES } from './accept-handles.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

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

describe('extra accept handles', () => {
  it('accept connections for the HTTP server alongside its own handle, and stop with it', async () => {
    const seen = new Set<string>();
    const server = createServer((req, res) => {
      seen.add(`${req.socket.remotePort}`);
      res.end('ok');
    });
    let handles: AcceptHandles | undefined;
    const errors: unknown[] = [];
    handles = addAcceptHandles(server, (err) => errors.push(err));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 4096, resolve));
    cleanup.push(async () => {
      handles?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    await until(() => handles?.count() === EXTRA_ACCEPT_HANDLES);
    const port = (server.address() as AddressInfo).port;

    const bodies = await Promise.all(Array.from({ length: 300 }, () => get(port)));
    expect(bodies.every((b) => b === 'ok')).toBe(true);
    expect(seen.size).toBe(300);
    // Connections arrive faster than one per loop iteration here: the duplicates took some of them.
    expect(handles.accepted()).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    handles.close();
    handles = undefined;
    expect(await get(port)).toBe('ok');
  });
});
