import type { ClientToServerEvents, Conversation, ServerToClientEvents, WidgetSession } from '@warmdesk/protocol';
import { io, type Socket } from 'socket.io-client';
import { sleep } from './stats.js';

export type WdSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SESSION_HEADER = 'x-warmdesk-session';

async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await sleep(250 * attempt);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as T;
      lastError = `HTTP ${res.status} ${text.slice(0, 200)}`;
      if (res.status !== 429 && res.status < 500) break;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  throw new Error(`POST ${new URL(url).pathname} failed: ${lastError}`);
}

/** A new anonymous customer (contact + widget session) in the inbox. */
export function createSession(baseUrl: string, inboxKey: string): Promise<WidgetSession> {
  return postJson<WidgetSession>(`${baseUrl}/api/v1/widget/sessions`, { inboxKey });
}

/** The customer's open conversation (created when there is none). */
export function startConversation(baseUrl: string, sessionToken: string): Promise<Conversation> {
  return postJson<Conversation>(`${baseUrl}/api/v1/widget/conversations`, {}, { [SESSION_HEADER]: sessionToken });
}

export type ConnectOptions = {
  namespace: '/customer' | '/agent';
  auth?: Record<string, string>;
  /** e.g. an agent's session cookie (Node's client sends it on the WebSocket upgrade). */
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Attach listeners before the handshake completes, so no early event is missed. */
  setup?: (socket: WdSocket) => void;
};

/**
 * One WebSocket connection per socket (`forceNew`: socket.io-client would otherwise multiplex every socket to
 * the same URL over one connection). Resolves once the server's `ready` event arrived; no reconnection.
 */
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
