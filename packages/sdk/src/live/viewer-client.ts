import type { LiveChatMessage, LiveJoinResult, LiveRoomPublic } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { Emitter, type Listener } from '../emitter.js';
import { WarmdeskError } from '../errors.js';
import type { ClientState } from '../types.js';
import { mergeChat, visibleToViewer } from './chat-log.js';
import { asChat, asRoom, asYou } from './guards.js';
import type { LiveCustomerClient, LiveRelayEvent } from './live-client.js';
import { MediaLink } from './media-link.js';

export type LiveMediaState = 'idle' | 'connecting' | 'playing' | 'failed';

/** Everything a viewer page draws, replaced (never mutated) on each change. */
export interface LiveViewerView {
  room: LiveRoomPublic | null;
  /** Visible room messages, oldest first (deleted ones hidden). */
  messages: LiveChatMessage[];
  /** Own messages sent but not acknowledged yet (resent after a reconnect). */
  pending: { clientMsgId: string; body: string }[];
  joined: boolean;
  muted: boolean;
  removed: boolean;
  /** A private conversation an agent opened with this viewer. */
  privateConversationId: string | null;
  stream: MediaStream | null;
  media: LiveMediaState;
  /** Under slow mode: when the viewer may send again, ms since epoch (null: now). */
  sendableAt: number | null;
}

export interface LiveViewerEvents {
  change: LiveViewerView;
  /** A room message arrived or changed. */
  chat: LiveChatMessage;
  error: Error;
}

export type LiveClient = Pick<LiveCustomerClient, 'on' | 'off' | 'onLive' | 'offLive' | 'liveEmit' | 'state'>;

export interface LiveViewerOptions {
  client: LiveClient;
  roomId: string;
  iceServers?: RTCIceServer[];
}

type PendingChat = { clientMsgId: string; body: string; question: boolean };

/**
 * A viewer in one live room over the SDK's customer connection: joins (again after every reconnect), keeps the
 * chat, sends messages exactly once (idempotent clientMsgId, resent after a reconnect), and receives the room's
 * media while the host publishes (subscribing again when publishing restarts or the link fails).
 */
export class LiveViewerClient {
  private readonly events = new Emitter<LiveViewerEvents>();
  private state: LiveViewerView = {
    room: null,
    messages: [],
    pending: [],
    joined: false,
    muted: false,
    removed: false,
    privateConversationId: null,
    stream: null,
    media: 'idle',
    sendableAt: null,
  };
  private log: LiveChatMessage[] = [];
  private readonly outbox = new Map<string, PendingChat>();
  private link: MediaLink | null = null;
  private watchAttempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wantJoined = false;
  private readonly client: LiveClient;
  private readonly roomId: string;

  constructor(private readonly options: LiveViewerOptions) {
    this.client = options.client;
    this.roomId = options.roomId;
    this.client.onLive(this.onLive);
    this.client.on('state', this.onClientState);
  }

  get view(): LiveViewerView {
    return this.state;
  }

  on<K extends keyof LiveViewerEvents>(event: K, fn: Listener<LiveViewerEvents[K]>): this {
    this.events.on(event, fn);
    return this;
  }

  off<K extends keyof LiveViewerEvents>(event: K, fn: Listener<LiveViewerEvents[K]>): this {
    this.events.off(event, fn);
    return this;
  }

  /**
   * Joins the room now when the client is connected, else as soon as it connects (`connect()` is the caller's),
   * and again after every reconnect. Failures arrive as `error` events; a removed viewer's view says `removed`.
   */
  enter(): void {
    this.wantJoined = true;
    if (this.client.state === 'connected') this.join().catch((error: unknown) => this.fail(error));
  }

  /** Joins the room (the client must be connected); rejects with the server's error (e.g. removed, not_found). */
  async join(): Promise<LiveJoinResult> {
    this.wantJoined = true;
    let res: LiveJoinResult;
    try {
      res = await this.client.liveEmit('live:join', { roomId: this.roomId });
    } catch (error) {
      if (refusalReason(error) === 'removed') {
        this.wantJoined = false;
        this.update({ removed: true, joined: false });
      }
      throw error;
    }
    const room = asRoom(res.room);
    this.log = mergeChat(this.log, res.messages);
    this.update({ room, joined: true, muted: res.muted === true, messages: visibleToViewer(this.log) });
    this.flushOutbox();
    this.syncMedia();
    return res;
  }

  /** Leaves the room and stops the media. */
  leave(): void {
    this.wantJoined = false;
    this.stopMedia();
    if (this.client.state === 'connected')
      void this.client.liveEmit('live:leave', { roomId: this.roomId }).catch(() => {});
    this.update({ joined: false });
  }

  /** Stops listening; the customer client stays open. */
  close(): void {
    this.leave();
    this.client.offLive(this.onLive);
    this.client.off('state', this.onClientState);
    this.events.removeAllListeners();
  }

  /**
   * Sends a room message. Kept and resent after a reconnect until the server acknowledges it (the same
   * clientMsgId, so at most once in the room); rejects when the server refuses it (muted, slow mode, removed).
   */
  async send(body: string, options: { question?: boolean } = {}): Promise<LiveChatMessage> {
    const entry: PendingChat = { clientMsgId: uuidv7(), body, question: options.question === true };
    this.outbox.set(entry.clientMsgId, entry);
    this.update({ pending: this.pendingView() });
    return this.deliver(entry);
  }

  /** Marks one of the viewer's own messages as a question. */
  async markQuestion(messageId: string): Promise<void> {
    const res = await this.client.liveEmit('live:question', { roomId: this.roomId, messageId });
    const message = asChat(res.message);
    if (message) this.receive(message);
  }

  /** Counts a click on a product card (the page opens its link). */
  clickCard(cardId: string): Promise<void> {
    return this.client.liveEmit('live:click', { roomId: this.roomId, cardId }).then(() => undefined);
  }

  /** Video frames decoded so far (0 without media): a page or test can tell the video is live. */
  framesDecoded(): Promise<number> {
    return this.link ? this.link.framesDecoded() : Promise.resolve(0);
  }

  private async deliver(entry: PendingChat): Promise<LiveChatMessage> {
    try {
      const res = await this.client.liveEmit('live:chat', {
        roomId: this.roomId,
        clientMsgId: entry.clientMsgId,
        body: entry.body,
        ...(entry.question ? { question: true } : {}),
      });
      this.outbox.delete(entry.clientMsgId);
      const message = asChat(res.message);
      if (!message) throw new WarmdeskError('protocol', 'malformed live:chat acknowledgement');
      const slowMode = this.state.room?.slowModeSeconds ?? 0;
      this.update({ pending: this.pendingView(), sendableAt: slowMode > 0 ? Date.now() + slowMode * 1000 : null });
      this.receive(message);
      return message;
    } catch (error) {
      // A dropped connection keeps the message for the resend after reconnect; a refusal is final.
      const code = error instanceof WarmdeskError ? error.code : 'internal';
      if (code === 'disconnected' || code === 'timeout') throw error;
      this.outbox.delete(entry.clientMsgId);
      this.update({ pending: this.pendingView(), ...refusalState(error) });
      throw error;
    }
  }

  private flushOutbox(): void {
    for (const entry of this.outbox.values()) void this.deliver(entry).catch(() => {});
  }

  private pendingView(): LiveViewerView['pending'] {
    return [...this.outbox.values()].map(({ clientMsgId, body }) => ({ clientMsgId, body }));
  }

  private receive(message: LiveChatMessage): void {
    if (message.roomId !== this.roomId) return;
    this.log = mergeChat(this.log, [message]);
    this.update({ messages: visibleToViewer(this.log) });
    this.events.emit('chat', message);
  }

  private readonly onLive = ({ event, payload }: LiveRelayEvent): void => {
    if (event === 'live:chat') {
      const message = asChat(payload);
      if (message) this.receive(message);
    } else if (event === 'live:room') {
      const room = asRoom(payload);
      if (!room || room.id !== this.roomId) return;
      this.update({ room });
      this.syncMedia();
    } else if (event === 'live:you') {
      const you = asYou(payload);
      if (!you || you.roomId !== this.roomId) return;
      if (you.muted !== undefined) this.update({ muted: you.muted });
      if (you.privateConversationId) this.update({ privateConversationId: you.privateConversationId });
      if (you.removed) {
        this.wantJoined = false;
        this.stopMedia();
        this.update({ removed: true, joined: false });
      }
    }
  };

  private readonly onClientState = (state: ClientState): void => {
    if (state === 'connected' && this.wantJoined) {
      // After a reconnect the server forgot this socket's room and media: join and subscribe again.
      this.stopMedia();
      this.join().catch((error: unknown) => this.fail(error));
    } else if (state === 'disconnected') {
      this.update({ joined: false });
    }
  };

  /** Subscribes while the host publishes and the room is live; drops the media otherwise. */
  private syncMedia(): void {
    const room = this.state.room;
    const wanted = this.wantJoined && !this.state.removed && room?.state === 'live' && room.publishing;
    if (!wanted) this.stopMedia();
    else if (!this.link && !this.retryTimer) this.watch();
  }

  private watch(): void {
    const link = new MediaLink({
      iceServers: this.options.iceServers,
      signal: async (sdp) => (await this.client.liveEmit('live:watch', { roomId: this.roomId, sdp })).sdp,
      onStream: (stream) => {
        if (this.link === link) this.update({ stream });
      },
      onState: (state) => {
        if (this.link !== link) return;
        if (state === 'connected') {
          this.watchAttempt = 0;
          this.update({ media: 'playing' });
        } else if (state === 'failed') this.retryMedia();
      },
    });
    this.link = link;
    this.update({ media: 'connecting' });
    link.start({ receive: true }).catch((error: unknown) => {
      if (this.link !== link) return;
      this.fail(error);
      this.retryMedia();
    });
  }

  /** Subscribes again after a failure, backing off up to 10 s, while the room still wants media. */
  private retryMedia(): void {
    this.stopMedia();
    this.update({ media: 'failed' });
    const delay = Math.min(10_000, 1_000 * 2 ** this.watchAttempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.syncMedia();
    }, delay);
  }

  private stopMedia(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.link?.close();
    this.link = null;
    if (this.state.stream || this.state.media !== 'idle') this.update({ stream: null, media: 'idle' });
  }

  private fail(error: unknown): void {
    this.events.emit('error', error instanceof Error ? error : new WarmdeskError('internal', String(error)));
  }

  private update(patch: Partial<LiveViewerView>): void {
    this.state = { ...this.state, ...patch };
    this.events.emit('change', this.state);
  }
}

/** The `details.reason` of a server refusal (`muted`, `slow_mode`, `removed`), if any. */
function refusalReason(error: unknown): unknown {
  const details = error instanceof WarmdeskError ? error.details : undefined;
  return typeof details === 'object' && details !== null ? (details as { reason?: unknown }).reason : undefined;
}

/** What a refusal tells the viewer's state: muted by a moderator, or when slow mode lets them write again. */
function refusalState(error: unknown): Partial<LiveViewerView> {
  const reason = refusalReason(error);
  if (reason === 'muted') return { muted: true };
  const details = (error as WarmdeskError).details as { retryAfterSeconds?: unknown } | undefined;
  if (reason === 'slow_mode' && typeof details?.retryAfterSeconds === 'number')
    return { sendableAt: Date.now() + details.retryAfterSeconds * 1000 };
  return {};
}
