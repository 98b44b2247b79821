import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type StickySessions, sessionIdFor, sessionOwner, stickySessions } from './sticky-sessions.js';

type Sibling = { index: number; url: string; io: Server; http: http.Server; sticky: StickySessions };

/** A worker as far as sessions go: an HTTP server with Socket.IO attached, its sessions marked with its index. */
async function sibling(index: number): Promise<Sibling> {
  const server = http.createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const io = new Server(server, { transports: ['polling', 'websocket'] });
  io.on('connection', (socket) => {
    socket.on('echo', (value: unknown, ack: (answer: unknown) => void) => ack({ index, value }));
  });
  const sticky = await stickySessions(server, index, (generate) => {
    io.engine.generateId = generate;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { index, url: `http://127.0.0.1:${port}`, io, http: server, sticky };
}

const POLLING = '/socket.io/?EIO=4&transport=polling';

async function poll(url: string, body?: string): Promise<{ status: number; text: string }> {
  // A new connection for every request, as browsers do when they spread long-polling over several.
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    headers: { connection: 'close', 'content-type': 'text/plain;charset=UTF-8' },
  });
  return { status: res.status, text: await res.text() };
}

/** Opens a long-polling session on `owner` and joins the main namespace through `via`. */
async function sessionOn(owner: Sibling, via: Sibling): Promise<string> {
  const open = await poll(`${owner.url}${POLLING}`);
  expect(open.status).toBe(200);
  const sid = (JSON.parse(open.text.slice(1)) as { sid: string }).sid;
  expect((await poll(`${via.url}${POLLING}&sid=${sid}`, '40')).text).toBe('ok');
  expect((await poll(`${via.url}${POLLING}&sid=${sid}`)).text).toMatch(/^40\{"sid":/);
  return sid;
}

describe('sticky long-polling sessions between workers', () => {
  let a: Sibling;
  let b: Sibling;
  beforeAll(async () => {
    [a, b] = await Promise.all([sibling(0), sibling(1)]);
    const ports = new Map([
      [0, a.sticky.privatePort],
      [1, b.sticky.privatePort],
    ]);
    for (const s of [a, b]) s.sticky.setSiblings(ports);
  });
  afterAll(async () => {
    for (const s of [a, b]) {
      s.sticky.close();
      await new Promise<void>((resolve) => s.io.close(() => resolve()));
    }
  });

  it('marks session ids with the worker that made them', () => {
    expect(sessionOwner(`${POLLING}&sid=${sessionIdFor(3)}`)).toBe(3);
    expect(sessionOwner(`/socket.io/?sid=${sessionIdFor(0)}&EIO=4`)).toBe(0);
    expect(sessionOwner(POLLING)).toBeUndefined();
    expect(sessionOwner(`${POLLING}&sid=HmE1rYkG2aQ`)).toBeUndefined();
    // only Socket.IO requests are forwarded
    expect(sessionOwner(`/api/v1/anything?sid=${sessionIdFor(1)}`)).toBeUndefined();
  });

  it('a session made by one worker is served whole when its requests reach the other', async () => {
    const sid = await sessionOn(a, b);
    expect(sid).toMatch(/^w0\./);
    expect((await poll(`${b.url}${POLLING}&sid=${sid}`, '421["echo","你好"]')).text).toBe('ok');
    // the answer comes from worker 0, which holds the session, through worker 1
    expect((await poll(`${b.url}${POLLING}&sid=${sid}`)).text).toBe('431[{"index":0,"value":"你好"}]');
    expect((await poll(`${a.url}${POLLING}&sid=${sid}`, '422["echo","direct"]')).text).toBe('ok');
    expect((await poll(`${b.url}${POLLING}&sid=${sid}`)).text).toBe('432[{"index":0,"value":"direct"}]');
  });

  it('upgrades a long-polling session to a WebSocket through the other worker', async () => {
    const sid = await sessionOn(b, a);
    const ws = new WebSocket(`${a.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket&sid=${sid}`);
    const frames: string[] = [];
    ws.on('message', (data: WebSocket.RawData) => frames.push(String(data)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send('2probe');
    await expect.poll(() => frames).toContain('3probe');
    ws.send('5');
    ws.send('427["echo","over ws"]');
    await expect.poll(() => frames).toContain('437[{"index":1,"value":"over ws"}]');
    ws.close();
  });

  it('answers "session unknown" for a worker that is not there, as Socket.IO does for an expired session', async () => {
    const gone = await poll(`${a.url}${POLLING}&sid=${sessionIdFor(7)}`);
    expect(gone.status).toBe(400);
    expect(JSON.parse(gone.text)).toEqual({ code: 1, message: 'Session ID unknown' });
    const expired = await poll(`${b.url}${POLLING}&sid=${sessionIdFor(0)}`);
    expect(expired.status).toBe(400);
    expect(JSON.parse(expired.text)).toMatchObject({ code: 1 });
    // requests without a session, and other routes, are the worker's own
    expect((await poll(`${b.url}/elsewhere`)).status).toBe(404);
  });
});
