import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { MEDIA_SECRET_HEADER, zLeaveBody, zPublishBody, zRoomBody, zWatchBody } from './control-schema.js';
import { SdpError } from './sdp.js';
import { ConflictError, NotFoundError, type Sfu } from './sfu.js';

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new HttpError(400, 'body must be JSON'));
      }
    });
    req.on('error', reject);
  });
}

async function parse<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const result = schema.safeParse(await readBody(req));
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new HttpError(400, detail);
  }
  return result.data;
}

function authorized(req: IncomingMessage, secret: string): boolean {
  const given = req.headers[MEDIA_SECRET_HEADER];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function route(sfu: Sfu, req: IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://media');
  const path = url.pathname;
  if (req.method === 'GET' && path === '/v1/health') return { id: sfu.stats().id, cascade: sfu.cascadeAddress };
  if (req.method === 'GET' && path === '/v1/stats') return sfu.stats();
  const roomMatch = /^\/v1\/rooms\/([\w-]{1,100})$/.exec(path);
  if (req.method === 'GET' && roomMatch?.[1]) return sfu.roomInfo(roomMatch[1]);
  if (req.method !== 'POST') throw new HttpError(404, 'not found');
  switch (path) {
    case '/v1/publish': {
      const body = await parse(req, zPublishBody);
      return { answerSdp: await sfu.publish(body.roomId, body.offerSdp, body.bitrateCapKbps) };
    }
    case '/v1/unpublish': {
      const body = await parse(req, zRoomBody);
      sfu.unpublish(body.roomId);
      return { ok: true };
    }
    case '/v1/watch': {
      const body = await parse(req, zWatchBody);
      return sfu.watch(body.roomId, body.viewerKey, body.offerSdp, body.origin);
    }
    case '/v1/leave': {
      const body = await parse(req, zLeaveBody);
      sfu.leave(body.roomId, body.viewerKey);
      return { ok: true };
    }
    case '/v1/close-room': {
      const body = await parse(req, zRoomBody);
      sfu.closeRoom(body.roomId);
      return { ok: true };
    }
    default:
      throw new HttpError(404, 'not found');
  }
}

/** The SFU's control API: JSON over HTTP, every request authenticated with the shared media secret. */
export function createControlServer(sfu: Sfu, secret: string, log: (msg: string, f?: object) => void): Server {
  return createServer((req, res) => {
    if (!authorized(req, secret)) {
      req.resume();
      send(res, 401, { error: 'missing or wrong media secret' });
      return;
    }
    route(sfu, req).then(
      (body) => send(res, 200, body),
      (err: unknown) => {
        if (err instanceof HttpError) send(res, err.status, { error: err.message });
        else if (err instanceof SdpError) send(res, 400, { error: `bad SDP: ${err.message}` });
        else if (err instanceof NotFoundError) send(res, 404, { error: err.message });
        else if (err instanceof ConflictError) send(res, 409, { error: err.message });
        else {
          log('control request failed', { err: err instanceof Error ? err.message : String(err), url: req.url });
          send(res, 500, { error: 'media request failed' });
        }
      },
    );
  });
}
