import { type SendHandle, spawn } from 'node:child_process';
import type { Server as HttpServer } from 'node:http';
import net from 'node:net';

/** The backlog the server listens with: listening on a duplicate applies its backlog to the shared socket. */
export const LISTEN_BACKLOG = 4096;
/** A duplicator that has not delivered every copy by then is killed and the server goes on with what arrived. */
const DUPLICATOR_TIMEOUT_MS = 10_000;

/**
 * Sends the handle it is given back as many times as asked (each copy arrives as a new descriptor), then waits
 * for `done`. Node sends one handle at a time and the next only after the receiver's acknowledgement, so `done`
 * (sent by the receiver after the last copy) also means no acknowledgement is still on its way: the channel is
 * quiet when the child disconnects.
 */
const DUPLICATOR = `process.on('message', (m, h) => {
  if (m === 'done') { process.disconnect(); return; }
  if (h) for (let i = 0; i < Number(process.argv[1]); i++) process.send('copy', h);
});`;

export type AcceptHandles = {
  /** Duplicates listening. */
  readonly count: number;
  /** Connections the duplicates accepted. */
  accepted: () => number;
  /** Stops accepting on the duplicates (before the HTTP server closes, so no connection arrives after it). */
  close: () => void;
};

/**
 * Node 20's libuv accepts one connection per listening descriptor and event-loop turn. Under a surge a turn
 * takes tens of milliseconds, so new connections waited seconds in the kernel's accept queue while requests on
 * existing connections were answered at once (docs/performance.md, Surge). Duplicates of the listening socket
 * are polled on their own, so a turn accepts up to one connection per descriptor; they hand each connection to
 * the HTTP server. Node has no `dup`: a short-lived child process receives the listening handle and sends it back
 * `count` times. This resolves only when the child has delivered every copy and gone, so closing the server can
 * never meet a handle still in transit. Without the child (it cannot start, it times out, Windows), the server
 * accepts as before.
 */
export async function addAcceptHandles(
  http: HttpServer,
  count: number,
  warn: (err: unknown) => void,
): Promise<AcceptHandles> {
  const extras: net.Server[] = [];
  let accepted = 0;
  const result: AcceptHandles = {
    get count() {
      return extras.length;
    },
    accepted: () => accepted,
    close: () => {
      for (const extra of extras.splice(0)) extra.close();
    },
  };
  // The listening TCP handle itself, not the server: a child given a server object would accept connections.
  const handle = (http as HttpServer & { _handle?: SendHandle | null })._handle;
  if (count <= 0 || !handle || process.platform === 'win32') return result;

  const copies = await new Promise<SendHandle[]>((resolve) => {
    const received: SendHandle[] = [];
    const child = spawn(process.execPath, ['-e', DUPLICATOR, String(count)], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        warn(err);
        child.kill('SIGKILL');
      }
      // On failure, the copies that did arrive are still good descriptors of the listening socket.
      resolve(received);
    };
    const timer = setTimeout(() => settle(new Error('the accept-handle duplicator timed out')), DUPLICATOR_TIMEOUT_MS);
    child.on('error', settle);
    child.on('exit', (code) => {
      if (received.length < count) settle(new Error(`the accept-handle duplicator exited early (${code})`));
      else settle();
    });
    child.on('message', (_message, copy) => {
      if (!copy) return;
      received.push(copy);
      if (received.length === count) child.send('done');
    });
    child.send('handle', handle, (err) => {
      if (err) settle(err);
    });
  });

  for (const copy of copies) {
    const extra = net.createServer((socket) => {
      accepted++;
      http.emit('connection', socket);
    });
    extra.on('error', warn);
    extra.listen(copy, LISTEN_BACKLOG);
    extras.push(extra);
  }
  // However the HTTP server gets closed, its duplicates stop accepting with it.
  http.once('close', result.close);
  return result;
}
