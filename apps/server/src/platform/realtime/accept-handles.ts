import { spawn } from 'node:child_process';
import type { Server as HttpServer } from 'node:http';
import net from 'node:net';

/** Accept handles added to the one the HTTP server listens with. */
export const EXTRA_ACCEPT_HANDLES = 8;
/** The backlog the server listens with (server.ts): listening on a duplicate applies its backlog to the socket. */
export const LISTEN_BACKLOG = 4096;
/**
 * Sends the handle it is given back as many times as asked (each copy arrives as a new descriptor). It listens
 * on: a handle waits for the receiver's acknowledgement, so the child stays until the server disconnects it.
 */
const DUPLICATOR = `process.on('message', (_, h) => {
  if (h) for (let i = 0; i < Number(process.argv[1]); i++) process.send('handle', h);
});`;
/** A duplicator that has not sent every copy by then is let go with what it sent. */
const DUPLICATOR_TIMEOUT_MS = 10_000;

export type AcceptHandles = {
  /** Duplicates listening now. */
  count: () => number;
  /** Connections they accepted. */
  accepted: () => number;
  close: () => void;
};

/**
 * Node 20's libuv accepts one connection per event-loop iteration and listening socket. Under a surge an
 * iteration takes tens of milliseconds, so new connections waited seconds in the kernel's accept queue while the
 * server answered existing ones at once (docs/performance.md, Surge). Duplicates of the listening socket (from a
 * short-lived child process: Node has no `dup`) are each polled on their own, so every iteration accepts up to
 * one connection per descriptor; they hand their connections to the HTTP server. Without them (the child cannot
 * start, Windows) the server works as before.
 */
export function addAcceptHandles(http: HttpServer, warn: (err: unknown) => void): AcceptHandles {
  const extras: net.Server[] = [];
  let accepted = 0;
  let closed = false;
  let stopDuplicator = () => {};
  const start = () => {
    // The listening TCP handle itself, not the server: a child given a server would accept connections too.
    const handle = (http as HttpServer & { _handle?: object | null })._handle;
    if (!handle || closed || process.platform === 'win32') return;
    const child = spawn(process.execPath, ['-e', DUPLICATOR, String(EXTRA_ACCEPT_HANDLES)], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.on('error', warn);
    let received = 0;
    const letGo = () => {
      clearTimeout(timer);
      if (child.connected) child.disconnect();
    };
    const timer = setTimeout(letGo, DUPLICATOR_TIMEOUT_MS);
    timer.unref();
    stopDuplicator = letGo;
    child.on('message', (_message, duplicate) => {
      if (!duplicate) return;
      if (++received === EXTRA_ACCEPT_HANDLES) letGo();
      const extra = net.createServer((socket) => {
        accepted++;
        http.emit('connection', socket);
      });
      extra.on('error', warn);
      extra.listen(duplicate, LISTEN_BACKLOG);
      extras.push(extra);
      if (closed) extra.close();
    });
    try {
      child.send('handle', handle as net.Server);
    } catch (err) {
      warn(err);
    }
  };
  if (http.listening) start();
  else http.once('listening', start);
  return {
    count: () => extras.filter((e) => e.listening).length,
    accepted: () => accepted,
    close: () => {
      closed = true;
      http.off('listening', start);
      stopDuplicator();
      for (const extra of extras) extra.close();
    },
  };
}
