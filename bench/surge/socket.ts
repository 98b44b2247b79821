import type { ClientToServerEvents, ServerToClientEvents } from '@warmdesk/protocol';
import { io, type Socket } from 'socket.io-client';

export type WdSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectOptions = {
  namespace: '/customer' | '/agent';
  auth?: Record<string, string>;
  /** e.g. the agent's session cookie (Node's client sends it on the WebSocket upgrade). */
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Attach listeners before the handshake completes, so no early event is missed. */
  setup?: (socket: WdSocket) => void;
};

/** One WebSocket per socket (no multiplexing, no reconnection); resolves on the server's `ready` event. */
export function connect(baseUrl: string, opts: ConnectOptions): Promise<WdSocket> {
  const socket: WdSocket = io(`${baseUrl}${opts.namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: opts.timeoutMs,
    auth: opts.auth ?? {},
    extraHeaders: opts.headers,
  });
  opts.setup?.(socket);
  return new Promise<WdSocket>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error('no ready event before timeout'));
    }, opts.timeoutMs);
    socket.once('ready', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(err);
    });
  });
}
