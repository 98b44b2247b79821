import type { ClientToServerEvents, ServerToClientEvents } from '@warmdesk/protocol';
import { NAMESPACES, PROTOCOL_VERSION } from '@warmdesk/protocol/constants';
import { io, type Socket } from 'socket.io-client';
import { backoffDelay } from './backoff.js';
import { isRecord, toWarmdeskError, WarmdeskError } from './errors.js';
import type { SessionManager } from './session.js';
import type { ClientState, Deferred, Transport } from './types.js';

export type CustomerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionOptions {
  baseUrl: string;
  transports: Transport[];
  sessions: SessionManager;
  /** Awaited after the session and before the socket opens. */
  beforeOpen: () => Promise<void>;
  /** Attaches the listeners for what the server pushes (messages, conversations, typing, reads). */
  listen: (socket: CustomerSocket) => void;
  /** The server said `ready`; pending `connect()` calls have resolved. */
  onReady: () => void;
  /** The connection is no longer wanted (disconnect, close or giving up): cancel pending retries. */
  onStop: () => void;
  onState: (state: ClientState) => void;
  report: (error: unknown) => void;
}

/** The customer socket and its lifecycle: connect, ready, drops, refused handshakes, reconnect backoff, giving up. */
export class Connection {
  private currentSocket: CustomerSocket | null = null;
  private currentState: ClientState = 'idle';
  /** The user wants a connection: set by connect(), cleared by disconnect()/close() and by giving up. */
  private wantConnected = false;
  private connectWaiters: Deferred<void>[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;

  constructor(private readonly options: ConnectionOptions) {}

  get state(): ClientState {
    return this.currentState;
  }

  get socket(): CustomerSocket | null {
    return this.currentSocket;
  }

  isConnected(): boolean {
    return this.currentState === 'connected' && this.currentSocket?.connected === true;
  }

  connect(): Promise<void> {
    if (this.currentState === 'closed') return Promise.reject(new WarmdeskError('closed', 'the client is closed'));
    this.wantConnected = true;
    if (this.currentState === 'connected') return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    if (this.currentState !== 'connecting') {
      this.setState('connecting');
      this.open().catch((error: unknown) => this.giveUp(toWarmdeskError(error)));
    }
    return waiting;
  }

  disconnect(): void {
    if (this.currentState === 'closed') return;
    this.wantConnected = false;
    this.stopRetrying();
    this.currentSocket?.disconnect();
    if (this.currentState !== 'idle') this.setState('disconnected');
    this.rejectConnectWaiters(
      new WarmdeskError('disconnected', 'disconnect() was called before the connection was ready'),
    );
  }

  close(): void {
    if (this.currentState === 'closed') return;
    this.rejectConnectWaiters(new WarmdeskError('closed', 'the client was closed'));
    this.disconnect();
    this.setState('closed');
    this.currentSocket?.removeAllListeners();
    this.currentSocket?.io.removeAllListeners();
    this.currentSocket = null;
  }

  private async open(): Promise<void> {
    await this.options.sessions.ensure();
    await this.options.beforeOpen();
    if (!this.wantConnected) return;
    (this.currentSocket ?? this.createSocket()).connect();
  }

  private createSocket(): CustomerSocket {
    const url = new URL(this.options.baseUrl);
    const prefix = url.pathname.replace(/\/+$/, '');
    const socket: CustomerSocket = io(`${url.origin}${NAMESPACES.customer}`, {
      path: `${prefix}/socket.io`,
      transports: this.options.transports,
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      // A function, so that every (re)connection sends the current token.
      auth: (cb) => cb({ sessionToken: this.options.sessions.current?.sessionToken ?? '' }),
    });
    socket.on('ready', (info) => this.onReady(info));
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (error) => this.onConnectError(socket, error));
    socket.io.on('reconnect_attempt', () => {
      if (this.wantConnected && this.currentState !== 'closed') this.setState('connecting');
    });
    this.options.listen(socket);
    this.currentSocket = socket;
    return socket;
  }

  private onReady(info: unknown): void {
    if (!this.wantConnected || this.currentState === 'closed') return;
    this.reconnectAttempt = 0;
    const protocol = isRecord(info) ? String(info.protocol) : 'unknown';
    if (protocol.split('.')[0] !== PROTOCOL_VERSION.split('.')[0]) {
      this.options.report(
        new WarmdeskError('protocol', `server speaks protocol ${protocol}, this SDK ${PROTOCOL_VERSION}`),
      );
    }
    this.setState('connected');
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.resolve();
    this.options.onReady();
  }

  private onDisconnect(reason: string): void {
    if (this.currentState === 'closed') return;
    this.setState('disconnected');
    // The server dropped us on purpose (Socket.IO will not retry that by itself): retry with a fresh session check.
    if (this.wantConnected && reason === 'io server disconnect') this.scheduleReconnect();
  }

  private onConnectError(socket: CustomerSocket, error: Error): void {
    if (!this.wantConnected || this.currentState === 'closed') return;
    // `active`: a transport problem Socket.IO keeps retrying. Otherwise the server refused the handshake.
    if (socket.active) return;
    const refusal = refusalError(error);
    this.options.report(refusal);
    this.setState('disconnected');
    // Only an `unauthorized` refusal says something about the session; `rate_limited` and the like just wait.
    this.scheduleReconnect(refusal.code === 'unauthorized');
  }

  /**
   * Reconnects after a backoff, first re-checking the session with the server when asked (which replaces it
   * when the server no longer accepts the token).
   */
  private scheduleReconnect(checkSession = true): void {
    if (this.reconnectTimer || !this.wantConnected) return;
    const delay = backoffDelay(this.reconnectAttempt++, { baseMs: 1_000, maxMs: 30_000 });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.wantConnected) return;
      this.setState('connecting');
      (checkSession ? this.options.sessions.refresh() : Promise.resolve()).then(
        () => {
          if (this.wantConnected) this.currentSocket?.connect();
        },
        (error: unknown) => {
          const e = toWarmdeskError(error);
          const status = e.status ?? 0;
          if (status >= 400 && status < 500 && e.code !== 'rate_limited') return this.giveUp(e);
          this.options.report(e);
          this.setState('disconnected');
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  /** Stops trying: the server refuses for a reason retrying cannot fix (e.g. unknown inbox key). */
  private giveUp(error: WarmdeskError): void {
    if (this.currentState === 'closed') return;
    const hadWaiters = this.connectWaiters.length > 0;
    this.wantConnected = false;
    this.stopRetrying();
    this.currentSocket?.disconnect();
    this.setState('disconnected');
    this.rejectConnectWaiters(error);
    if (!hadWaiters) this.options.report(error);
  }

  private stopRetrying(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.options.onStop();
  }

  private rejectConnectWaiters(error: Error): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  private setState(state: ClientState): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    this.options.onState(state);
  }
}

/** The error of a handshake the server refused: its middleware sends `data: { error: { code, message } }`. */
function refusalError(error: Error): WarmdeskError {
  const data = (error as Error & { data?: unknown }).data;
  const body = isRecord(data) && isRecord(data.error) ? data.error : isRecord(data) ? data : {};
  // Without a body the message is the code (`unauthorized`, `rate_limited`, `internal`).
  const fallback = /^[a-z_]+$/.test(error.message) ? error.message : 'unauthorized';
  const code = typeof body.code === 'string' ? body.code : fallback;
  const message = typeof body.message === 'string' ? body.message : error.message;
  return new WarmdeskError(code, `the server refused the connection: ${message}`, { details: data });
}
