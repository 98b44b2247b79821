import type { LiveRoomPublic, Locale, Message } from '@warmdesk/protocol';
import { WarmdeskError } from '@warmdesk/sdk';
import {
  asRoom,
  createLiveClient,
  type LiveCustomerClient,
  LiveViewerClient,
  type LiveViewerView,
} from '@warmdesk/sdk/live';
import { initialLocale, rememberLocale } from './i18n.js';

export type LivePhase = 'loading' | 'notFound' | 'error' | 'ready';

export interface LivePageState {
  phase: LivePhase;
  locale: Locale;
  /** The room as fetched, then as the socket updates it. */
  room: LiveRoomPublic | null;
  viewer: LiveViewerView | null;
  connection: 'connecting' | 'connected' | 'reconnecting';
  contactId: string | null;
  /** The 1:1 conversation beside the video. */
  privateOpen: boolean;
  privateConversationId: string | null;
  privateMessages: Message[];
  /** The last send refusal, shown under the composer. */
  sendError: string | null;
}

type Listener = (state: LivePageState) => void;

/** Asks the opener (the widget's "live now" banner) for the customer's identity; it answers `warmdesk:identify`. */
const READY_MESSAGE = { type: 'warmdesk:live-ready' };

/** The viewer page's state and actions: the public room, a widget session for its inbox, the live viewer client. */
export class LivePageStore {
  state: LivePageState = {
    phase: 'loading',
    locale: initialLocale(),
    room: null,
    viewer: null,
    connection: 'connecting',
    contactId: null,
    privateOpen: false,
    privateConversationId: null,
    privateMessages: [],
    sendError: null,
  };
  private readonly listeners = new Set<Listener>();
  private client: LiveCustomerClient | null = null;
  private readonly received = new Map<string, Message[]>();
  live: LiveViewerClient | null = null;

  constructor(private readonly slug: string) {}

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<LivePageState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  setLocale(locale: Locale): void {
    rememberLocale(locale);
    document.documentElement.lang = locale;
    this.set({ locale });
  }

  async start(): Promise<void> {
    let room: LiveRoomPublic;
    try {
      const res = await fetch(`/api/v1/live/public/${encodeURIComponent(this.slug)}`);
      if (res.status === 404) return this.set({ phase: 'notFound' });
      if (!res.ok) return this.set({ phase: 'error' });
      const body: unknown = await res.json();
      const parsed = asRoom(typeof body === 'object' && body !== null && 'room' in body ? body.room : body);
      if (!parsed) return this.set({ phase: 'error' });
      room = parsed;
    } catch {
      return this.set({ phase: 'error' });
    }
    document.title = room.title;
    this.set({ room, phase: 'ready' });
    this.listenForIdentity();
    // The session persists in this origin's storage: a returning viewer is the same contact.
    const client = createLiveClient({ baseUrl: location.origin, inboxKey: room.inboxKey });
    this.client = client;
    client.on('state', (s) => {
      if (s === 'connected') this.set({ connection: 'connected', contactId: client.session?.contactId ?? null });
      else if (s === 'connecting' || s === 'disconnected')
        this.set({ connection: this.state.connection === 'connecting' ? 'connecting' : 'reconnecting' });
    });
    client.on('message', (message) => this.privateMessage(message));
    const live = new LiveViewerClient({ client, roomId: room.id });
    this.live = live;
    live.on('change', (viewer) => {
      this.set({ viewer, room: viewer.room ?? this.state.room });
      if (viewer.privateConversationId && viewer.privateConversationId !== this.state.privateConversationId)
        void this.openPrivate(viewer.privateConversationId);
    });
    // Tests and pages around it read the decoded frames to tell the video is live.
    Object.assign(window, { __warmdeskLive: live, __warmdeskLivePage: this });
    // Joins once connected, and again after every reconnect (also the one an identity hand-over causes, which
    // can interrupt this first connect).
    live.enter();
    await client.connect().catch(() => undefined);
  }

  async send(body: string, question: boolean): Promise<boolean> {
    if (!this.live) return false;
    this.set({ sendError: null });
    try {
      await this.live.send(body, { question });
      return true;
    } catch (error) {
      // a dropped connection keeps the message queued: it goes out after the reconnect
      if (error instanceof WarmdeskError && (error.code === 'disconnected' || error.code === 'timeout')) return true;
      // muted and slow mode show as the notice and the countdown; anything else as the server said it
      const reason =
        error instanceof WarmdeskError ? (error.details as { reason?: unknown } | undefined)?.reason : null;
      if (reason !== 'muted' && reason !== 'slow_mode')
        this.set({ sendError: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  markQuestion(messageId: string): void {
    void this.live?.markQuestion(messageId).catch(() => undefined);
  }

  /** Counts the click, then the page opens the link (in the click handler, so pop-up blockers allow it). */
  clickCard(cardId: string): void {
    void this.live?.clickCard(cardId).catch(() => undefined);
  }

  /** "Private chat": the viewer's open conversation in the room's inbox (started if none). */
  async startPrivate(): Promise<void> {
    if (!this.client) return;
    if (this.state.privateConversationId) return this.set({ privateOpen: true });
    const conversation = await this.client.startConversation();
    await this.openPrivate(conversation.id);
  }

  closePrivate(): void {
    this.set({ privateOpen: false });
  }

  async sendPrivate(text: string): Promise<void> {
    const id = this.state.privateConversationId;
    if (!this.client || !id) return;
    await this.client.send(id, text);
  }

  private async openPrivate(conversationId: string): Promise<void> {
    this.set({
      privateOpen: true,
      privateConversationId: conversationId,
      privateMessages: this.received.get(conversationId) ?? [],
    });
    await this.client?.sync(conversationId).catch(() => undefined);
  }

  /** Every message the client emits (once each), kept per conversation: the panel may open after they came. */
  private privateMessage(message: Message): void {
    const known = this.received.get(message.conversationId) ?? [];
    if (known.some((m) => m.id === message.id)) return;
    const messages = [...known, message].sort((a, b) => a.seq - b.seq);
    this.received.set(message.conversationId, messages);
    if (message.conversationId === this.state.privateConversationId) this.set({ privateMessages: messages });
  }

  /**
   * Opened from the widget's "live now" banner: the opener (the widget frame, on this origin) sends the identity
   * its site vouched for, so a verified customer is recognised here too.
   */
  private listenForIdentity(): void {
    const opener = window.opener as Window | null;
    if (!opener) return;
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.origin !== location.origin || event.source !== opener) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null) return;
      const d = data as Record<string, unknown>;
      if (d.type !== 'warmdesk:identify' || typeof d.userId !== 'string') return;
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      void this.client
        ?.identify({ userId: d.userId, name: str(d.name), email: str(d.email), hmac: str(d.hmac) })
        .then(() => this.set({ contactId: this.client?.session?.contactId ?? null }))
        .catch(() => undefined);
    });
    try {
      opener.postMessage(READY_MESSAGE, location.origin);
    } catch {
      // the opener navigated elsewhere: no identity to get
    }
  }
}
