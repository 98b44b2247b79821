/**
 * A minimal Socket.IO client for the surge bench: Engine.IO v4 / Socket.IO v5 spoken directly over one WebSocket
 * (the `ws` package, which the server's engine.io already depends on). It does what the bench's customers and
 * agents need and nothing else: connect to one namespace with auth (and upgrade headers), receive events, emit
 * with ack and a timeout, answer pings, notice a disconnect. No reconnection, no polling, no binary packets.
 * Why: socket.io-client costs the load generator several times more CPU per connection than this, on a machine
 * where the bench shares two cores with the server it measures.
 *
 * Wire format (engine.io-parser, socket.io-parser): one Engine.IO packet per WebSocket text frame, its first
 * character the type (0 open, 1 close, 2 ping, 3 pong, 4 message); a message carries a Socket.IO packet: type
 * (0 connect, 1 disconnect, 2 event, 3 ack, 4 connect error), then `<namespace>,`, then the ack id digits if any,
 * then JSON. E.g. `40/customer,{"sessionToken":"..."}`, `42/customer,7["message:send",{...}]`, `43/customer,7[{...}]`.
 */

import net from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents } from '@warmdesk/protocol';
import WebSocket from 'ws';

type ServerEvent = keyof ServerToClientEvents;
type EventArg<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
type AckEvent = {
  [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]>[1] extends (res: never) => void ? E : never;
}[keyof ClientToServerEvents];
type AckPayload<E extends AckEvent> = Parameters<ClientToServerEvents[E]>[0];
type AckResult<E extends AckEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Same names as socket.io-client's disconnect reasons. */
export type DisconnectReason = 'io client disconnect' | 'io server disconnect' | 'transport close' | 'ping timeout';

export type RawConnectOptions = {
  namespace: '/customer' | '/agent';
  auth?: Record<string, string>;
  /** Sent on the WebSocket upgrade, e.g. an agent's session cookie. */
  headers?: Record<string, string>;
  /** From the start of the upgrade to the server's `ready` event. */
  timeoutMs: number;
  /** Attach listeners before the handshake completes, so no early event is missed. */
  setup?: (socket: RawSocket) => void;
  /**
   * Cheap filter on an event frame's raw text (`["name",...]`, events with a listener only, never `ready`) before
   * it is parsed; false drops it. Agents use it to skip account-wide broadcasts that cannot concern them.
   */
  accept?: (frame: string) => boolean;
};

/** Epoch ms of each handshake step; null until reached (a socket that timed out shows where it stalled). */
export type HandshakeTimes = { tcp: number | null; upgraded: number | null; joined: number | null };

const epochMs = () => performance.timeOrigin + performance.now();

type PendingAck = { resolve: (res: unknown) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

const live = new Set<RawSocket>();
let sweeping = false;

/** One sweep for all sockets instead of a timer each: close those whose server stopped pinging (engine.io's rule). */
function watchHeartbeats(): void {
  if (sweeping) return;
  sweeping = true;
  setInterval(() => {
    const now = Date.now();
    for (const s of live) s.checkHeartbeat(now);
  }, 5000).unref();
}

function text(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString();
  return Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data).toString();
}

export class RawSocket {
  private readonly ws: WebSocket;
  /** `/customer,`: what follows the packet type in every packet of this namespace. */
  private readonly head: string;
  private readonly handlers = new Map<string, ((arg: never) => void)[]>();
  private readonly pending = new Map<number, PendingAck>();
  private readonly disconnectHandlers: ((reason: DisconnectReason) => void)[] = [];
  private nextAckId = 0;
  private state: 'opening' | 'ready' | 'closed' = 'opening';
  private closeReason: DisconnectReason = 'transport close';
  private pingDeadlineMs = Number.POSITIVE_INFINITY;
  private lastPingAt = Date.now();
  private settle: { resolve: () => void; reject: (err: Error) => void } | undefined;
  /** TCP connected, upgrade answered (HTTP 101), namespace joined (after the server's auth middleware). */
  readonly times: HandshakeTimes = { tcp: null, upgraded: null, joined: null };

  private constructor(
    baseUrl: string,
    private readonly opts: RawConnectOptions,
  ) {
    this.head = `${opts.namespace},`;
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.ws = new WebSocket(url, {
      headers: opts.headers,
      perMessageDeflate: false,
      createConnection: ((options: net.NetConnectOpts) => {
        const socket = net.connect(options);
        socket.once('connect', () => {
          this.times.tcp = epochMs();
        });
        return socket;
      }) as typeof net.createConnection,
    });
    this.ws.on('upgrade', () => {
      this.times.upgraded = epochMs();
    });
    this.ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(text(data));
    });
    this.ws.on('error', (err) => this.fail(err));
    this.ws.on('close', () => this.onClose());
  }

  /** Opens the socket; resolves once the server's `ready` event arrived, rejects on a refusal or the timeout. */
  static connect(baseUrl: string, opts: RawConnectOptions): Promise<RawSocket> {
    const socket = new RawSocket(baseUrl, opts);
    opts.setup?.(socket);
    return new Promise<RawSocket>((resolve, reject) => {
      const timer = setTimeout(() => socket.fail(new Error('no ready event before timeout')), opts.timeoutMs);
      socket.settle = {
        resolve: () => {
          clearTimeout(timer);
          resolve(socket);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
  }

  get connected(): boolean {
    return this.state === 'ready';
  }

  on<E extends ServerEvent>(event: E, handler: (arg: EventArg<E>) => void): this {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as (arg: never) => void);
    this.handlers.set(event, list);
    return this;
  }

  onDisconnect(handler: (reason: DisconnectReason) => void): this {
    this.disconnectHandlers.push(handler);
    return this;
  }

  /** Emits with an ack; rejects with `ack_timeout` after `timeoutMs`, or `disconnected` if the socket closes first. */
  emitWithAck<E extends AckEvent>(event: E, payload: AckPayload<E>, timeoutMs: number): Promise<AckResult<E>> {
    if (this.state !== 'ready') return Promise.reject(new Error('disconnected'));
    const id = this.nextAckId++;
    return new Promise<AckResult<E>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('ack_timeout'));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (res: unknown) => void, reject, timer });
      this.ws.send(`42${this.head}${id}${JSON.stringify([event, payload])}`);
    });
  }

  /** Leaves the namespace and closes the connection (like socket.io-client's `disconnect()`). */
  disconnect(): void {
    if (this.state === 'closed') return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(`41${this.head}`);
    this.close('io client disconnect');
  }

  /** @internal called by the heartbeat sweep. */
  checkHeartbeat(now: number): void {
    if (now - this.lastPingAt > this.pingDeadlineMs) this.close('ping timeout');
  }

  private onFrame(frame: string): void {
    switch (frame.charAt(0)) {
      case '0': {
        const open = JSON.parse(frame.slice(1)) as { pingInterval: number; pingTimeout: number };
        this.pingDeadlineMs = open.pingInterval + open.pingTimeout;
        this.lastPingAt = Date.now();
        live.add(this);
        watchHeartbeats();
        this.ws.send(`40${this.head}${JSON.stringify(this.opts.auth ?? {})}`);
        return;
      }
      case '2':
        this.lastPingAt = Date.now();
        this.ws.send('3');
        return;
      case '1':
        this.close('transport close');
        return;
      case '4':
        if (frame.startsWith(this.head, 2)) this.onPacket(frame.charAt(1), frame.slice(2 + this.head.length));
        return;
    }
  }

  /** `rest`: what follows `<type><namespace>,`, i.e. optional ack id digits, then JSON. */
  private onPacket(type: string, rest: string): void {
    switch (type) {
      case '2': {
        const start = this.digits(rest);
        // `["name",...]`: an event nobody listens to is not parsed.
        const name = rest.slice(start + 2, rest.indexOf('"', start + 2));
        const handlers = this.handlers.get(name);
        if (name !== 'ready' && (!handlers || (this.opts.accept && !this.opts.accept(rest)))) return;
        const [event, arg] = JSON.parse(rest.slice(start)) as [string, never];
        for (const handler of handlers ?? []) handler(arg);
        if (event === 'ready' && this.state === 'opening') {
          this.state = 'ready';
          this.settle?.resolve();
          this.settle = undefined;
        }
        return;
      }
      case '3': {
        const n = this.digits(rest);
        const ack = this.pending.get(Number(rest.slice(0, n)));
        if (!ack) return;
        this.pending.delete(Number(rest.slice(0, n)));
        clearTimeout(ack.timer);
        ack.resolve((JSON.parse(rest.slice(n)) as unknown[])[0]);
        return;
      }
      case '0':
        this.times.joined = epochMs();
        return;
      case '4': {
        const body = JSON.parse(rest) as { message?: string; data?: { error?: { code?: string } } };
        this.fail(new Error(body.data?.error?.code ?? body.message ?? 'connect_error'));
        return;
      }
      case '1':
        this.close('io server disconnect');
        return;
    }
  }

  /** How many leading characters of `s` are digits (the ack id). */
  private digits(s: string): number {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    return i;
  }

  /** Before `ready`: the connect attempt failed. After: the connection broke. */
  private fail(err: Error): void {
    if (this.state === 'opening') {
      this.settle?.reject(err);
      this.settle = undefined;
    }
    this.close('transport close');
  }

  private close(reason: DisconnectReason): void {
    if (this.state === 'closed') return;
    this.closeReason = reason;
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else if (this.ws.readyState === WebSocket.OPEN) this.ws.close();
    this.onClose();
  }

  private onClose(): void {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    live.delete(this);
    if (this.settle) {
      this.settle.reject(new Error('closed before ready'));
      this.settle = undefined;
    }
    for (const [id, ack] of this.pending) {
      clearTimeout(ack.timer);
      ack.reject(new Error('disconnected'));
      this.pending.delete(id);
    }
    if (wasReady) for (const handler of this.disconnectHandlers) handler(this.closeReason);
  }
}
