import type {
  ClientToServerEvents,
  Conversation,
  Message,
  MessagePage,
  ServerToClientEvents,
  WidgetSession,
} from '@warmdesk/protocol';
import { io, type Socket } from 'socket.io-client';
import { backoffDelay } from './backoff.js';
import { CUSTOMER_NAMESPACE, MESSAGE_MAX_CHARS, SDK_PROTOCOL_VERSION, SYNC_PAGE_MAX } from './constants.js';
import { Emitter, type Listener } from './emitter.js';
import { errorFromBody, isPermanentSendError, isRecord, toWarmdeskError, WarmdeskError } from './errors.js';
import { isConversation, isMessage, isMessagePage, isWidgetSession, parseAs } from './guards.js';
import { type FetchLike, Http } from './http.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { Sequencer } from './sequencer.js';
import { defaultStorage, readJson, type StorageLike, storageKeys, writeJson } from './storage.js';
import type { ClientEvents, ClientOptions, ClientState, HistoryOptions } from './types.js';
import { uuidv7 } from './uuid.js';

type CustomerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Deferred<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

type SendOutcome =
  | { kind: 'ok'; message: Message }
  | { kind: 'fail'; error: WarmdeskError }
  | { kind: 'retry'; error: WarmdeskError };

/** Server (`internal`) errors on one message after which it is given up instead of blocking the outbox forever. */
const MAX_SERVER_ERRORS_PER_MESSAGE = 5;

/**
 * The customer-side client: one per inbox per page (or per end user in Node).
 * See docs/sdk.md for the guarantees and examples.
 */
export class WarmdeskClient {
  private readonly events = new Emitter<ClientEvents>();
  private readonly options: Required<Omit<ClientOptions, 'storage' | 'fetch'>>;
  private readonly storage: StorageLike;
  private readonly keys: { session: string; outbox: string };
  private readonly http: Http;
  private readonly outbox: Outbox;
  private readonly sequencer: Sequencer;

  private socket: CustomerSocket | null = null;
  private currentState: ClientState = 'idle';
  private currentSession: WidgetSession | null = null;
  private sessionRequest: Promise<WidgetSession> | null = null;
  /** The user wants a connection: set by connect(), cleared by disconnect()/close() and by giving up. */
  private wantConnected = false;
  private connectWaiters: Deferred<void>[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;

  private readonly pendingSends = new Map<string, Deferred<Message>>();
  private flushing = false;
  private sendRetryTimer: ReturnType<typeof setTimeout> | null = null;
  private sendAttempt = 0;
  private readonly serverErrors = new Map<string, number>();
  private readonly syncRetries = new Map<string, { timer: ReturnType<typeof setTimeout> | null; attempt: number }>();
  /** Read positions to tell the server once connected. */
  private readonly pendingReads = new Map<string, number>();

  constructor(options: ClientOptions) {
    if (!options.baseUrl) throw new TypeError('createClient: baseUrl is required');
    if (!options.inboxKey) throw new TypeError('createClient: inboxKey is required');
    this.options = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      inboxKey: options.inboxKey,
      transports: options.transports ?? ['websocket', 'polling'],
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    };
    this.storage = options.storage ?? defaultStorage();
    this.keys = storageKeys(options.inboxKey);
    const fetchImpl: FetchLike | undefined =
      options.fetch ??
      (typeof globalThis.fetch === 'function' ? (input, init) => globalThis.fetch(input, init) : undefined);
    if (!fetchImpl) throw new TypeError('createClient: no fetch available; pass options.fetch');
    this.http = new Http({ baseUrl: this.options.baseUrl, fetch: fetchImpl, timeoutMs: this.options.requestTimeoutMs });
    this.outbox = new Outbox(this.storage, this.keys.outbox, (error) => this.report(error));
    this.sequencer = new Sequencer({
      fetchPage: (conversationId, afterSeq) => this.fetchPage(conversationId, afterSeq),
      deliver: (message) => {
        if (!message.private) this.events.emit('message', message);
      },
      onError: (error, conversationId) => this.onSyncError(conversationId, error),
    });
    // Start reading the outbox now; send() and connect() wait for it.
    void this.outbox.load();
  }

  /** The current session, once `connect()` (or any REST call) has created or resumed it. */
  get session(): WidgetSession | null {
    return this.currentSession;
  }

  get state(): ClientState {
    return this.currentState;
  }

  on<K extends keyof ClientEvents>(event: K, fn: Listener<ClientEvents[K]>): this {
    this.events.on(event, fn);
    return this;
  }

  off<K extends keyof ClientEvents>(event: K, fn: Listener<ClientEvents[K]>): this {
    this.events.off(event, fn);
    return this;
  }

  // ---------------------------------------------------------------- connection

  /**
   * Creates or resumes the session, opens the socket and resolves once the server said `ready`. Transient failures
   * are retried until it works; it rejects when the session cannot be created (bad inbox key, server unreachable
   * on the first request) or when `disconnect()`/`close()` is called first.
   */
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

  /** Closes the socket and stops reconnecting; session, outbox and seq positions stay, so connect() resumes. */
  disconnect(): void {
    if (this.currentState === 'closed') return;
    this.wantConnected = false;
    this.clearTimers();
    this.socket?.disconnect();
    if (this.currentState !== 'idle') this.setState('disconnected');
    this.rejectConnectWaiters(
      new WarmdeskError('disconnected', 'disconnect() was called before the connection was ready'),
    );
  }

  /**
   * Disconnects for good and drops listeners and timers. Pending `send` promises reject with `closed`, but their
   * messages stay in the stored outbox: the next client on the same storage delivers them.
   */
  close(): void {
    if (this.currentState === 'closed') return;
    this.rejectConnectWaiters(new WarmdeskError('closed', 'the client was closed'));
    this.disconnect();
    this.setState('closed');
    for (const [clientMsgId, pending] of this.pendingSends) {
      pending.reject(
        new WarmdeskError('closed', 'the client was closed; the message stays in the outbox', { clientMsgId }),
      );
    }
    this.pendingSends.clear();
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket = null;
    this.sequencer.forget();
    this.events.removeAllListeners();
  }

  private async open(): Promise<void> {
    await this.ensureSession();
    await this.outbox.load();
    if (!this.wantConnected) return;
    (this.socket ?? this.createSocket()).connect();
  }

  private createSocket(): CustomerSocket {
    const url = new URL(this.options.baseUrl);
    const prefix = url.pathname.replace(/\/+$/, '');
    const socket: CustomerSocket = io(`${url.origin}${CUSTOMER_NAMESPACE}`, {
      path: `${prefix}/socket.io`,
      transports: this.options.transports,
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      // A function, so that every (re)connection sends the current token.
      auth: (cb) => cb({ sessionToken: this.currentSession?.sessionToken ?? '' }),
    });
    socket.on('ready', (info) => this.onReady(info));
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (error) => this.onConnectError(socket, error));
    socket.io.on('reconnect_attempt', () => {
      if (this.wantConnected && this.currentState !== 'closed') this.setState('connecting');
    });
    socket.on('message:new', (message) => {
      if (isMessage(message)) this.sequencer.push(message);
      else this.report(new WarmdeskError('protocol', 'malformed message:new event'));
    });
    socket.on('conversation:updated', (conversation) => {
      if (!isConversation(conversation)) return this.report(new WarmdeskError('protocol', 'malformed conversation'));
      this.sequencer.track(conversation.id);
      this.events.emit('conversation', conversation);
    });
    socket.on('typing', (event) => {
      if (isRecord(event) && typeof event.conversationId === 'string') this.events.emit('typing', event);
    });
    socket.on('read', (event) => {
      if (isRecord(event) && typeof event.conversationId === 'string') this.events.emit('read', event);
    });
    this.socket = socket;
    return socket;
  }

  private onReady(info: unknown): void {
    if (!this.wantConnected || this.currentState === 'closed') return;
    this.reconnectAttempt = 0;
    const protocol = isRecord(info) ? String(info.protocol) : 'unknown';
    if (protocol.split('.')[0] !== SDK_PROTOCOL_VERSION.split('.')[0]) {
      this.report(
        new WarmdeskError('protocol', `server speaks protocol ${protocol}, this SDK ${SDK_PROTOCOL_VERSION}`),
      );
    }
    this.setState('connected');
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.resolve();
    void this.afterConnect();
  }

  /** Catch up on every known conversation, then tell pending read positions and flush the outbox. */
  private async afterConnect(): Promise<void> {
    await Promise.all(this.sequencer.known().map((id) => this.backgroundSync(id)));
    if (!this.isConnected()) return;
    this.flushReads();
    if (this.sendRetryTimer) {
      clearTimeout(this.sendRetryTimer);
      this.sendRetryTimer = null;
    }
    void this.flush();
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
    this.report(refusal);
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
      (checkSession ? this.refreshSession() : Promise.resolve()).then(
        () => {
          if (this.wantConnected) this.socket?.connect();
        },
        (error: unknown) => {
          const e = toWarmdeskError(error);
          const status = e.status ?? 0;
          if (status >= 400 && status < 500 && e.code !== 'rate_limited') return this.giveUp(e);
          this.report(e);
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
    this.clearTimers();
    this.socket?.disconnect();
    this.setState('disconnected');
    this.rejectConnectWaiters(error);
    if (!hadWaiters) this.report(error);
  }

  private rejectConnectWaiters(error: Error): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.sendRetryTimer) clearTimeout(this.sendRetryTimer);
    this.reconnectTimer = null;
    this.sendRetryTimer = null;
    for (const retry of this.syncRetries.values()) if (retry.timer) clearTimeout(retry.timer);
    this.syncRetries.clear();
  }

  private isConnected(): boolean {
    return this.currentState === 'connected' && this.socket?.connected === true;
  }

  private setState(state: ClientState): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    this.events.emit('state', state);
  }

  // ---------------------------------------------------------------- session

  /** The current session, creating or resuming one (with the stored token) when there is none yet. */
  private ensureSession(): Promise<WidgetSession> {
    if (this.currentSession) return Promise.resolve(this.currentSession);
    return this.requestSession();
  }

  /** Asks the server again with the current token: same session back if it is still valid, else a new one. */
  private refreshSession(): Promise<WidgetSession> {
    return this.requestSession();
  }

  private requestSession(): Promise<WidgetSession> {
    this.sessionRequest ??= (async () => {
      const stored = await this.readStoredSession();
      const previous = this.currentSession ?? stored;
      const body = await this.http.request('POST', '/widget/sessions', {
        body: { inboxKey: this.options.inboxKey },
        token: previous?.sessionToken,
      });
      const session = parseAs(body, isWidgetSession, 'a widget session');
      if (this.currentState === 'closed') return session;
      this.currentSession = session;
      try {
        await writeJson(this.storage, this.keys.session, session);
      } catch (error) {
        this.report(error);
      }
      if (previous && previous.contactId !== session.contactId) {
        // The old token is no longer accepted: this is a new anonymous contact, the old conversations are gone.
        this.sequencer.forget();
        this.report(
          new WarmdeskError('session_replaced', 'the stored session was no longer valid; a new session was created'),
        );
      }
      return session;
    })().finally(() => {
      this.sessionRequest = null;
    });
    return this.sessionRequest;
  }

  private async readStoredSession(): Promise<WidgetSession | null> {
    try {
      const value = await readJson(this.storage, this.keys.session);
      return isWidgetSession(value) ? value : null;
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  /** Runs a REST call with the session token; on `unauthorized` it refreshes the session once and retries. */
  private async authed(call: (token: string) => Promise<unknown>): Promise<unknown> {
    const session = await this.ensureSession();
    try {
      return await call(session.sessionToken);
    } catch (error) {
      if (!(error instanceof WarmdeskError) || error.code !== 'unauthorized') throw error;
      const fresh = await this.refreshSession();
      return call(fresh.sessionToken);
    }
  }

  // ---------------------------------------------------------------- conversations

  /** Returns the customer's open conversation in this inbox, or starts one. */
  async startConversation(): Promise<Conversation> {
    const body = await this.authed((token) => this.http.request('POST', '/widget/conversations', { body: {}, token }));
    const conversation = parseAs(body, isConversation, 'a conversation');
    this.learn(conversation);
    return conversation;
  }

  /** The customer's conversations in this inbox, newest first. */
  async listConversations(): Promise<Conversation[]> {
    const body = await this.authed((token) => this.http.request('GET', '/widget/conversations', { token }));
    const items = isRecord(body) && Array.isArray(body.items) ? body.items : undefined;
    if (!items?.every(isConversation))
      throw new WarmdeskError('protocol', 'unexpected server response: expected {items}');
    for (const c of items) this.learn(c);
    return items;
  }

  /** Starts tracking a conversation and, when the server has messages this client has not emitted, syncs it. */
  private learn(conversation: Conversation): void {
    this.sequencer.track(conversation.id);
    const seen = this.sequencer.lastSeq(conversation.id) ?? 0;
    if (conversation.lastSeq > seen && this.isConnected()) void this.backgroundSync(conversation.id);
  }

  /** A catch-up nobody awaits: failures are reported and retried (see onSyncError); never rejects. */
  private backgroundSync(conversationId: string): Promise<void> {
    return this.sequencer.catchUp(conversationId).then(
      () => {
        this.syncRetries.delete(conversationId);
      },
      (error: unknown) => this.onSyncError(conversationId, error),
    );
  }

  /**
   * A background sync failed. Gone conversations are forgotten; after a drop the reconnect catches up anyway;
   * anything else (timeout, rate limit, server error) is retried with backoff so buffered messages are not stuck.
   */
  private onSyncError(conversationId: string, error: unknown): void {
    const e = toWarmdeskError(error, { conversationId });
    this.report(e);
    if (e.code === 'not_found' || e.code === 'forbidden') {
      this.sequencer.forget(conversationId);
      return;
    }
    if (!this.isConnected() || e.code === 'disconnected') return;
    const retry = this.syncRetries.get(conversationId) ?? { timer: null, attempt: 0 };
    if (retry.timer) return;
    retry.timer = setTimeout(
      () => {
        retry.timer = null;
        if (this.isConnected()) void this.backgroundSync(conversationId);
      },
      backoffDelay(retry.attempt++, { baseMs: 1_000, maxMs: 30_000 }),
    );
    this.syncRetries.set(conversationId, retry);
  }

  /**
   * Emits, in order, every message of the conversation this client has not emitted yet (all of them the first
   * time). Uses the socket when connected, else REST.
   */
  sync(conversationId: string): Promise<void> {
    if (this.currentState === 'closed') return Promise.reject(new WarmdeskError('closed', 'the client is closed'));
    return this.sequencer.catchUp(conversationId);
  }

  /** One page of messages (REST). Does not emit events and does not move the client's position. */
  async history(conversationId: string, options: HistoryOptions = {}): Promise<MessagePage> {
    const body = await this.authed((token) =>
      this.http.request('GET', `/widget/conversations/${encodeURIComponent(conversationId)}/messages`, {
        token,
        query: { afterSeq: options.afterSeq, limit: options.limit },
      }),
    );
    return parseAs(body, isMessagePage, 'a message page');
  }

  private async fetchPage(conversationId: string, afterSeq: number): Promise<MessagePage> {
    const socket = this.socket;
    if (!socket || !this.isConnected()) return this.history(conversationId, { afterSeq, limit: SYNC_PAGE_MAX });
    let res: unknown;
    try {
      res = await socket
        .timeout(this.options.ackTimeoutMs)
        .emitWithAck('conversation:sync', { conversationId, afterSeq, limit: SYNC_PAGE_MAX });
    } catch (error) {
      throw toWarmdeskError(error, { conversationId });
    }
    if (isRecord(res) && res.ok === false) throw errorFromBody(res, { message: 'conversation:sync failed' });
    return parseAs(res, isMessagePage, 'a sync page');
  }

  // ---------------------------------------------------------------- sending

  /**
   * Sends a text message. It is stored in the outbox first, so it survives disconnections and page reloads, and is
   * retried until the server acknowledges it (exactly once, thanks to its clientMsgId). Resolves with the stored
   * message; rejects with a WarmdeskError whose `code` says why the server refused it for good.
   */
  async send(conversationId: string, text: string): Promise<Message> {
    if (this.currentState === 'closed') throw new WarmdeskError('closed', 'the client is closed');
    if (typeof text !== 'string' || text.trim().length === 0) {
      throw new WarmdeskError('validation_failed', 'content is empty', { conversationId });
    }
    if (text.length > MESSAGE_MAX_CHARS) {
      throw new WarmdeskError('validation_failed', `content is longer than ${MESSAGE_MAX_CHARS} characters`, {
        conversationId,
      });
    }
    const entry: OutboxEntry = {
      clientMsgId: uuidv7(),
      conversationId,
      content: text,
      createdAt: new Date().toISOString(),
    };
    const acked = new Promise<Message>((resolve, reject) =>
      this.pendingSends.set(entry.clientMsgId, { resolve, reject }),
    );
    try {
      await this.outbox.add(entry);
    } catch (error) {
      // Not durable, but still queued in memory: send it anyway.
      this.report(error);
    }
    void this.flush();
    return acked;
  }

  /** Messages sent but not yet acknowledged (including ones reloaded from storage), oldest first. */
  pendingMessages(conversationId?: string): OutboxEntry[] {
    return this.outbox.list(conversationId);
  }

  /** Sends the outbox one message at a time, oldest first, so each conversation keeps its order. */
  private async flush(): Promise<void> {
    if (this.flushing) return; // The running loop picks up whatever was added.
    this.flushing = true;
    try {
      await this.outbox.load();
      for (;;) {
        if (!this.isConnected() || this.sendRetryTimer) return;
        await this.outbox.settled();
        const entry = this.outbox.first();
        if (!entry) return;
        const outcome = await this.sendOne(entry);
        if (outcome.kind === 'retry') {
          const delay = backoffDelay(this.sendAttempt++, { baseMs: 500, maxMs: 10_000 });
          this.sendRetryTimer = setTimeout(() => {
            this.sendRetryTimer = null;
            void this.flush();
          }, delay);
          return;
        }
        this.sendAttempt = 0;
        this.serverErrors.delete(entry.clientMsgId);
        await this.outbox.remove(entry.clientMsgId).catch((error: unknown) => this.report(error));
        const pending = this.pendingSends.get(entry.clientMsgId);
        this.pendingSends.delete(entry.clientMsgId);
        if (outcome.kind === 'ok') {
          this.sequencer.push(outcome.message);
          pending?.resolve(outcome.message);
        } else if (pending) {
          pending.reject(outcome.error);
        } else {
          // Sent by an earlier page or client: nobody awaits it, so say it here.
          this.report(outcome.error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sendOne(entry: OutboxEntry): Promise<SendOutcome> {
    const context = { conversationId: entry.conversationId, clientMsgId: entry.clientMsgId };
    const socket = this.socket;
    if (!socket) return { kind: 'retry', error: new WarmdeskError('disconnected', 'not connected', context) };
    let res: unknown;
    try {
      res = await socket.timeout(this.options.ackTimeoutMs).emitWithAck('message:send', {
        conversationId: entry.conversationId,
        clientMsgId: entry.clientMsgId,
        content: entry.content,
      });
    } catch (error) {
      return { kind: 'retry', error: toWarmdeskError(error, context) };
    }
    if (isRecord(res) && res.ok === true && isMessage(res.message)) return { kind: 'ok', message: res.message };
    const base =
      isRecord(res) && res.ok === false
        ? errorFromBody(res, { message: 'message:send failed' })
        : new WarmdeskError('protocol', 'unexpected message:send acknowledgement');
    const error = new WarmdeskError(base.code, base.message, { ...context, details: base.details });
    if (isPermanentSendError(error.code)) return { kind: 'fail', error };
    if (error.code === 'internal') {
      const count = (this.serverErrors.get(entry.clientMsgId) ?? 0) + 1;
      this.serverErrors.set(entry.clientMsgId, count);
      if (count >= MAX_SERVER_ERRORS_PER_MESSAGE) return { kind: 'fail', error };
    }
    return { kind: 'retry', error };
  }

  // ---------------------------------------------------------------- typing and reads

  /** Tells agents the customer is (or stopped) typing. Best effort: dropped while disconnected. */
  setTyping(conversationId: string, typing: boolean): void {
    if (this.isConnected()) this.socket?.volatile.emit('typing', { conversationId, typing });
  }

  /** Marks the conversation read up to `seq`. Kept until connected when offline (the highest seq wins). */
  markRead(conversationId: string, seq: number): void {
    if (this.currentState === 'closed' || !Number.isInteger(seq) || seq < 0) return;
    const pending = this.pendingReads.get(conversationId) ?? -1;
    if (seq > pending) this.pendingReads.set(conversationId, seq);
    if (this.isConnected()) this.flushReads();
  }

  private flushReads(): void {
    const socket = this.socket;
    if (!socket) return;
    for (const [conversationId, seq] of this.pendingReads) socket.emit('read', { conversationId, seq });
    this.pendingReads.clear();
  }

  // ---------------------------------------------------------------- errors

  /** Emits an 'error' event, except for connection drops that the client recovers from by itself. */
  private report(error: unknown): void {
    const e = error instanceof Error ? error : new WarmdeskError('internal', String(error));
    if (e instanceof WarmdeskError && e.code === 'disconnected') return;
    this.events.emit('error', e);
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

/** Creates a customer client. Nothing happens on the network until `connect()` or a REST method is called. */
export function createClient(options: ClientOptions): WarmdeskClient {
  return new WarmdeskClient(options);
}
