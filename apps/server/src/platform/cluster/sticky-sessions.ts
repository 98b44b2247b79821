import { randomBytes } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';
import { type Duplex, pipeline } from 'node:stream';

/**
 * HTTP long-polling across workers. The kernel gives each new connection to whichever worker accepts it first, but
 * a long-polling Socket.IO session (the widget and SDK fall back to it where WebSockets are blocked) sends many
 * requests, often on new connections, and only the worker that made the session knows it. So a worker's session
 * ids start with its index (`w0.`, counted from 0), and a worker that gets a request or upgrade for a sibling's
 * session forwards it over loopback to the sibling's private port.
 */

/** Socket.IO's path (platform/realtime/gateway.ts): nothing else is forwarded. */
const SOCKET_PATH = '/socket.io/';

export function sessionIdFor(index: number): string {
  return `w${index}.${randomBytes(15).toString('base64url')}`;
}

/** The worker that made the Engine.IO session a request continues, from its `sid` query parameter. */
export function sessionOwner(url: string | undefined): number | undefined {
  if (!url?.startsWith(SOCKET_PATH)) return undefined;
  const m = /[?&]sid=w(\d{1,2})\./.exec(url);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Connection headers of one hop, not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** What Engine.IO answers for a session it does not know: the client then starts a new session. */
function sessionGone(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(400, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code: 1, message: 'Session ID unknown' }));
}

type Listener = (...args: never[]) => void;

/** Puts `handle` in front of the server's current listeners of `event`; they run when it returns false. */
function intercept<A extends unknown[]>(server: Server, event: string, handle: (...args: A) => boolean): void {
  const previous = server.listeners(event) as Listener[];
  server.removeAllListeners(event);
  server.on(event, (...args: A) => {
    if (handle(...args)) return;
    for (const listener of previous) Reflect.apply(listener, server, args);
  });
}

export type StickySessions = {
  /** The port on 127.0.0.1 where siblings forward this worker's sessions. */
  privatePort: number;
  /** The siblings' private ports by worker index, as the primary announces them. */
  setSiblings: (ports: ReadonlyMap<number, number>) => void;
  close: () => void;
};

/**
 * Call after Socket.IO is attached to `server` (its listeners are wrapped). `setSessionIds` receives the id maker
 * for Engine.IO (`io.engine.generateId`).
 */
export async function stickySessions(
  server: Server,
  index: number,
  setSessionIds: (generate: () => string) => void,
): Promise<StickySessions> {
  setSessionIds(() => sessionIdFor(index));
  const siblings = new Map<number, number>();
  const agent = new http.Agent({ keepAlive: true });
  const privateListener = net.createServer((socket) => server.emit('connection', socket));
  await new Promise<void>((resolve, reject) => {
    privateListener.once('error', reject);
    // exclusive: this worker's own port, not one shared through the primary
    privateListener.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => resolve());
  });
  const address = privateListener.address();
  const privatePort = typeof address === 'object' && address ? address.port : 0;

  /** The sibling's port when the request belongs to another worker's session; undefined when it is ours. */
  const ownerPort = (req: IncomingMessage): number | null | undefined => {
    const owner = sessionOwner(req.url);
    if (owner === undefined || owner === index) return undefined;
    return siblings.get(owner) ?? null;
  };

  intercept(server, 'request', (req: IncomingMessage, res: ServerResponse) => {
    const port = ownerPort(req);
    if (port === undefined) return false;
    if (port === null) {
      sessionGone(res);
      return true;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        // A sibling that dies mid-answer ends the customer's request too, so their client reconnects at once.
        pipeline(answer, res, () => undefined);
      },
    );
    upstream.on('error', () => sessionGone(res));
    // A client that goes away takes the forwarded request with it.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // Not pipeline(): an upstream error must leave the client's socket open for sessionGone's answer.
    req.pipe(upstream);
    return true;
  });

  intercept(server, 'upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const port = ownerPort(req);
    if (port === undefined) return false;
    if (port === null) {
      socket.destroy();
      return true;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      socket.destroy();
    };
    for (const side of [upstream, socket]) {
      side.on('error', end);
      side.on('close', end);
    }
    return true;
  });

  return {
    privatePort,
    setSiblings: (ports) => {
      siblings.clear();
      for (const [i, port] of ports) siblings.set(i, port);
    },
    close: () => {
      privateListener.close();
      agent.destroy();
    },
  };
}
