import type {
  Conversation,
  Csat,
  IdentifyResult,
  Message,
  MessagePage,
  PageContext,
  QueueUpdate,
  WidgetConfig,
  WidgetSession,
} from '@warmdesk/protocol';
import { CustomerApi } from './api.js';
import { Connection, type CustomerSocket } from './connection.js';
import { ConversationSync } from './conversation-sync.js';
import { Emitter, type Listener } from './emitter.js';
import { errorFromBody, isRecord, toWarmdeskError, WarmdeskError } from './errors.js';
import { isConversation, isMessage } from './guards.js';
import { type FetchLike, Http } from './http.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { OutboxSender } from './sender.js';
import { SessionManager } from './session.js';
import { defaultStorage, storageKeys } from './storage.js';
import type {
  AttributeValue,
  CallEmitEvent,
  CallEmitPayload,
  CallEmitResult,
  ClientEvents,
  ClientOptions,
  ClientState,
  HistoryOptions,
  Identity,
  LeaveMessage,
  Profile,
  UploadOptions,
} from './types.js';
import { uploadFile } from './upload.js';

/**
 * The customer-side client: one per inbox per page (or per end user in Node).
 * See docs/sdk.md for the guarantees and examples.
 */
export class WarmdeskClient {
  private readonly events = new Emitter<ClientEvents>();
  private readonly outbox: Outbox;
  private readonly sessions: SessionManager;
  private readonly api: CustomerApi;
  /** Protected for `@warmdesk/sdk/live`'s client, which adds the live-room events. */
  protected readonly connection: Connection;
  private readonly conversations: ConversationSync;
  private readonly sender: OutboxSender;
  /** Read positions to tell the server once connected. */
  private readonly pendingReads = new Map<string, number>();
  private readonly baseUrl: string;
  private readonly inboxKey: string;
  protected readonly ackTimeoutMs: number;

  constructor(options: ClientOptions) {
    if (!options.baseUrl) throw new TypeError('createClient: baseUrl is required');
    if (!options.inboxKey) throw new TypeError('createClient: inboxKey is required');
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.baseUrl = baseUrl;
    this.inboxKey = options.inboxKey;
    const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.ackTimeoutMs = ackTimeoutMs;
    const storage = options.storage ?? defaultStorage();
    const keys = storageKeys(options.inboxKey);
    const fetchImpl: FetchLike | undefined =
      options.fetch ??
      (typeof globalThis.fetch === 'function' ? (input, init) => globalThis.fetch(input, init) : undefined);
    if (!fetchImpl) throw new TypeError('createClient: no fetch available; pass options.fetch');
    const http = new Http({ baseUrl, fetch: fetchImpl, timeoutMs: options.requestTimeoutMs ?? 15_000 });
    const report = (error: unknown) => this.report(error);

    this.outbox = new Outbox(storage, keys.outbox, report);
    this.sessions = new SessionManager({
      http,
      inboxKey: options.inboxKey,
      storage,
      storageKey: keys.session,
      isClosed: () => this.state === 'closed',
      onReplaced: () => this.conversations.forget(),
      report,
    });
    this.api = new CustomerApi(http, this.sessions);
    this.connection = new Connection({
      baseUrl,
      transports: options.transports ?? ['websocket', 'polling'],
      sessions: this.sessions,
      beforeOpen: () => this.outbox.load(),
      listen: (socket) => this.listen(socket),
      onReady: () => void this.afterConnect(),
      onStop: () => {
        this.sender.pause();
        this.conversations.cancelRetries();
      },
      onState: (state) => this.events.emit('state', state),
      report,
    });
    this.conversations = new ConversationSync({
      connection: this.connection,
      ackTimeoutMs,
      history: (conversationId, historyOptions) => this.api.history(conversationId, historyOptions),
      deliver: (message) => {
        if (!message.private) this.events.emit('message', message);
      },
      report,
    });
    this.sender = new OutboxSender({
      outbox: this.outbox,
      connection: this.connection,
      ackTimeoutMs,
      onAcked: (message) => this.conversations.push(message),
      report,
    });
    // Start reading the outbox now; send() and connect() wait for it.
    void this.outbox.load();
  }

  /** The current session, once `connect()` (or any REST call) has created or resumed it. */
  get session(): WidgetSession | null {
    return this.sessions.current;
  }

  get state(): ClientState {
    return this.connection.state;
  }

  on<K extends keyof ClientEvents>(event: K, fn: Listener<ClientEvents[K]>): this {
    this.events.on(event, fn);
    return this;
  }

  off<K extends keyof ClientEvents>(event: K, fn: Listener<ClientEvents[K]>): this {
    this.events.off(event, fn);
    return this;
  }

  /**
   * Creates or resumes the session, opens the socket and resolves once the server said `ready`. Transient failures
   * are retried until it works; it rejects when the session cannot be created (bad inbox key, server unreachable
   * on the first request) or when `disconnect()`/`close()` is called first.
   */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Closes the socket and stops reconnecting; session, outbox and seq positions stay, so connect() resumes. */
  disconnect(): void {
    this.connection.disconnect();
  }

  /**
   * Disconnects for good and drops listeners and timers. Pending `send` promises reject with `closed`, but their
   * messages stay in the stored outbox: the next client on the same storage delivers them.
   */
  close(): void {
    if (this.state === 'closed') return;
    this.connection.close();
    this.sender.rejectPending();
    this.conversations.forget();
    this.events.removeAllListeners();
  }

  /** Returns the customer's open conversation in this inbox, or starts one. */
  async startConversation(): Promise<Conversation> {
    const conversation = await this.api.openConversation();
    this.conversations.learn(conversation);
    return conversation;
  }

  /** The customer's conversations in this inbox, newest first. */
  async listConversations(): Promise<Conversation[]> {
    const items = await this.api.listConversations();
    for (const c of items) this.conversations.learn(c);
    return items;
  }

  /**
   * Emits, in order, every message of the conversation this client has not emitted yet (all of them the first
   * time). Uses the socket when connected, else REST.
   */
  sync(conversationId: string): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new WarmdeskError('closed', 'the client is closed'));
    return this.conversations.catchUp(conversationId);
  }

  /** One page of messages (REST). Does not emit events and does not move the client's position. */
  history(conversationId: string, options: HistoryOptions = {}): Promise<MessagePage> {
    return this.api.history(conversationId, options);
  }

  /**
   * Sends a text message. It is stored in the outbox first, so it survives disconnections and page reloads, and is
   * retried until the server acknowledges it (exactly once, thanks to its clientMsgId). Resolves with the stored
   * message; rejects with a WarmdeskError whose `code` says why the server refused it for good.
   */
  async send(conversationId: string, text: string): Promise<Message> {
    if (this.state === 'closed') throw new WarmdeskError('closed', 'the client is closed');
    return this.sender.send(conversationId, text);
  }

  /** Messages sent but not yet acknowledged (including ones reloaded from storage), oldest first. */
  pendingMessages(conversationId?: string): OutboxEntry[] {
    return this.outbox.list(conversationId);
  }

  /** Tells agents the customer is (or stopped) typing. Best effort: dropped while disconnected. */
  setTyping(conversationId: string, typing: boolean): void {
    if (this.connection.isConnected()) this.connection.socket?.volatile.emit('typing', { conversationId, typing });
  }

  /** Marks the conversation read up to `seq`. Kept until connected when offline (the highest seq wins). */
  markRead(conversationId: string, seq: number): void {
    if (this.state === 'closed' || !Number.isInteger(seq) || seq < 0) return;
    const pending = this.pendingReads.get(conversationId) ?? -1;
    if (seq > pending) this.pendingReads.set(conversationId, seq);
    if (this.connection.isConnected()) this.flushReads();
  }

  /** The inbox's widget settings and whether anyone of the team is there now. */
  config(): Promise<WidgetConfig> {
    return this.api.config(this.inboxKey);
  }

  /**
   * Tells who the customer is. With a valid `hmac` from the site's backend the identity is verified and the
   * customer sees their history on every device; when that moves the session to another contact, the client
   * reconnects and catches up on that contact's conversations.
   */
  async identify(identity: Identity): Promise<IdentifyResult> {
    const result = await this.api.identify(identity);
    if (result.switched) {
      this.conversations.forget();
      if (this.state === 'connected' || this.state === 'connecting') {
        this.connection.disconnect();
        await this.connection.connect();
      }
    }
    return result;
  }

  /** Name, email and phone the customer gave (a pre-chat form): fills only empty fields, unverified. */
  setProfile(profile: Profile): Promise<void> {
    return this.api.setProfile(profile);
  }

  /** Custom attributes of the customer, shown to agents (unverified). */
  setAttributes(attributes: Record<string, AttributeValue>): Promise<void> {
    return this.api.setAttributes(attributes);
  }

  /** Records something the customer did (an event with properties) for agents and reports. */
  track(event: string, props: Record<string, AttributeValue> = {}): Promise<void> {
    return this.api.track(event, props);
  }

  /** The page the customer is on and the pages before it, shown to agents next to the conversation. */
  updateContext(context: PageContext): Promise<void> {
    return this.api.updateContext(context);
  }

  /** Leaves a message while nobody is available; the team answers later by email, phone or here. */
  leaveMessage(message: LeaveMessage): Promise<{ conversation: Conversation; message: Message }> {
    return this.api.leaveMessage(message);
  }

  /** The customer's place in the queue now (null when not waiting); changes arrive as `queue` events. */
  queuePosition(conversationId: string): Promise<QueueUpdate | null> {
    return this.api.queuePosition(conversationId);
  }

  /** Leaves the queue: `abandon` (放弃排队) ends the conversation; `message` keeps it for a later reply. */
  leaveQueue(conversationId: string, mode: 'abandon' | 'message' = 'abandon'): Promise<void> {
    return this.api.leaveQueue(conversationId, mode);
  }

  /** Asks to be called back at `phone` instead of waiting; the conversation stays in the queue. */
  requestCallback(conversationId: string, phone: string, note?: string): Promise<void> {
    return this.api.requestCallback(conversationId, phone, note);
  }

  /** Overflow offer `bot`: the inbox's bot helps while the customer keeps their place in the queue. */
  askBot(conversationId: string): Promise<void> {
    return this.api.askBot(conversationId);
  }

  /** Rates a resolved conversation, 1 to 5, with an optional comment; rating again changes it. */
  rate(conversationId: string, score: number, comment?: string): Promise<Csat> {
    return this.api.rate(conversationId, score, comment);
  }

  /**
   * Answers "was this helpful?" under a bot answer (`messageId`: the bot's message). Rejects with
   * `validation_failed` before any request when `messageId` is not a UUID, with `conflict` when this answer was
   * already rated (it counts once), else with the server's error.
   */
  sendBotFeedback(messageId: string, helpful: boolean): Promise<void> {
    return this.api.sendBotFeedback(messageId, helpful);
  }

  /** Emails the conversation's transcript to the customer's address (or this one, kept when none is known). */
  requestTranscript(conversationId: string, email?: string): Promise<void> {
    return this.api.requestTranscript(conversationId, email);
  }

  /** Sends a file or image as a message; the server checks type and size. Resolves with the stored message. */
  async upload(conversationId: string, file: Blob & { name?: string }, options: UploadOptions = {}): Promise<Message> {
    const message = await this.api.authed((token) => uploadFile(this.baseUrl, token, conversationId, file, options));
    this.conversations.push(message);
    return message;
  }

  /**
   * Sends a `call:*` event and resolves with the server's acknowledgement (used by `@warmdesk/sdk/calls`, which
   * also listens to `client.on('call', ...)`).
   */
  callEmit<K extends CallEmitEvent>(event: K, payload: CallEmitPayload<K>): Promise<CallEmitResult<K>> {
    const socket = this.connection.socket as unknown as LooseSocket | null;
    if (!socket || !this.connection.isConnected()) return Promise.reject(new WarmdeskError('disconnected', event));
    return socket
      .timeout(this.ackTimeoutMs)
      .emitWithAck(event, payload)
      .then(
        (res) => {
          if (isRecord(res) && res.ok) return res as CallEmitResult<K>;
          throw errorFromBody(res, { message: event });
        },
        (error) => {
          throw toWarmdeskError(error);
        },
      );
  }

  private flushReads(): void {
    const socket = this.connection.socket;
    if (!socket) return;
    for (const [conversationId, seq] of this.pendingReads) socket.emit('read', { conversationId, seq });
    this.pendingReads.clear();
  }

  /**
   * Learn the customer's conversations (a reloaded page knows none yet), catch up on each, then tell pending
   * read positions and flush the outbox.
   */
  private async afterConnect(): Promise<void> {
    try {
      for (const conversation of await this.api.listConversations()) this.conversations.track(conversation.id);
    } catch (error) {
      this.report(error);
    }
    await this.conversations.catchUpAll();
    if (!this.connection.isConnected()) return;
    this.flushReads();
    this.sender.resume();
  }

  protected listen(socket: CustomerSocket): void {
    socket.on('message:new', (message) => {
      if (isMessage(message)) this.conversations.push(message);
      else this.report(new WarmdeskError('protocol', 'malformed message:new event'));
    });
    socket.on('conversation:updated', (conversation) => {
      if (!isConversation(conversation)) return this.report(new WarmdeskError('protocol', 'malformed conversation'));
      this.conversations.track(conversation.id);
      this.events.emit('conversation', conversation);
    });
    socket.on('typing', (event) => {
      if (isRecord(event) && typeof event.conversationId === 'string') this.events.emit('typing', event);
    });
    socket.on('read', (event) => {
      if (isRecord(event) && typeof event.conversationId === 'string') this.events.emit('read', event);
    });
    socket.onAny((event: string, payload: unknown) => {
      if (event.startsWith('call:')) this.events.emit('call', { event, payload });
    });
    socket.on('queue:update', (event) => {
      if (isRecord(event) && typeof event.position === 'number') this.events.emit('queue', event);
    });
  }

  /** Emits an 'error' event, except for connection drops that the client recovers from by itself. */
  private report(error: unknown): void {
    const e = error instanceof Error ? error : new WarmdeskError('internal', String(error));
    if (e instanceof WarmdeskError && e.code === 'disconnected') return;
    this.events.emit('error', e);
  }
}

/** The socket as `callEmit` uses it: its events are checked by the calls layer's types. */
interface LooseSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/** Creates a customer client. Nothing happens on the network until `connect()` or a REST method is called. */
export function createClient(options: ClientOptions): WarmdeskClient {
  return new WarmdeskClient(options);
}
