import type { Conversation, Locale, Message, WidgetConfig } from '@warmdesk/protocol';
import { createClient, type WarmdeskClient, type WarmdeskError } from '@warmdesk/sdk';
import type { BridgeIdentity, BridgePageContext, HostToWidget } from '../bridge.js';
import { beep } from './beep.js';
import { storeFeedback } from './bot.js';
import type { CallUi } from './call/index.js';
import { localeFor } from './i18n.js';
import type * as LiveBanner from './live-banner.js';
import { readPref, writePref } from './prefs.js';
import { type HostNotify, initialState, type Listener, type Upload, type WidgetState } from './state.js';

export type { Upload, WidgetState } from './state.js';

type LiveBannerModule = typeof LiveBanner;

/** The widget's state and actions over the SDK client; components subscribe and re-render on change. */
export class WidgetStore {
  state: WidgetState;
  private readonly listeners = new Set<Listener>();
  private client: WarmdeskClient | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private uploadSeq = 0;
  /** Every message the client emitted, per conversation: the first ones may arrive before the list is known. */
  private readonly received = new Map<string, Message[]>();
  /** Conversations the customer put behind them (start again): late updates of them are ignored. */
  private readonly dropped = new Set<string>();
  private callUi: Promise<CallUi> | undefined;
  private queuePushes = 0;
  /** Who the host page says the customer is (see identify). */
  declare identity: BridgeIdentity | undefined;

  constructor(
    readonly inboxKey: string,
    /** Also used by ./call (an incoming call raises the badge like a message). */
    readonly notifyHost: HostNotify,
  ) {
    this.state = initialState(inboxKey);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Changes the state and redraws (also used by ./call). */
  set(patch: Partial<WidgetState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  get session() {
    return this.client?.session ?? null;
  }

  /** Loads config, opens the session and the socket, and applies what the host page queued. */
  async start(init: Extract<HostToWidget, { type: 'warmdesk:init' }> | null): Promise<void> {
    const client = createClient({ baseUrl: location.origin, inboxKey: this.inboxKey });
    this.client = client;
    // The loader's copy of the config (applied before the first render) draws the panel at once; a fresh one
    // follows, since who is online may have changed. Without the loader's copy, wait for it.
    const fresh = client.config().then(
      (config) => this.applyConfig(config),
      (error: Error) => {
        if (!this.state.config) this.set({ fatal: error.message });
      },
    );
    if (!this.state.config) await fresh;
    if (!this.state.config) return;
    if (init?.greeting) this.set({ greeting: init.greeting });
    this.listen(client);
    await client.connect();
    await this.loadConversation();
    if (init?.identity) await this.identify(init.identity);
    if (init?.attributes) await client.setAttributes(init.attributes).catch(() => undefined);
    for (const e of init?.events ?? []) await client.track(e.event, e.props).catch(() => undefined);
    if (init?.context) this.updateContext(init.context);
  }

  /** Settings and language from the inbox's config (the loader's copy first, then a fresh one). */
  applyConfig(config: WidgetConfig): void {
    const preference = readPref(this.inboxKey, 'locale') ?? config.settings.locale;
    this.set({ config, locale: localeFor(preference) });
    // Its own file (dist/live-banner.js, built apart): a chunk of this build would reshuffle the shared chunks.
    if (config.liveNow?.[0]) void import('./live-banner.js').then((m: LiveBannerModule) => m.show(this));
  }

  private listen(client: WarmdeskClient): void {
    client.on('state', (connection) => {
      this.set({ connection });
      if (connection === 'connected') this.refreshPending();
    });
    client.on('message', (message) => this.onMessage(message));
    client.on('call', (event) => void this.calls(client).then((ui) => ui.handle(event)));
    client.on('conversation', (conversation) => {
      const current = this.state.conversation;
      if (this.dropped.has(conversation.id)) return;
      if (!current || current.id === conversation.id || conversation.createdAt > current.createdAt) {
        const switched = current?.id !== conversation.id;
        this.set({
          conversation,
          ...(switched ? { messages: this.messagesOf(conversation.id), agentReadSeq: 0, rated: null } : {}),
        });
        if (switched) void client.sync(conversation.id);
      }
    });
    client.on('typing', (event) => {
      if (event.conversationId !== this.state.conversation?.id || event.sender.type === 'contact') return;
      clearTimeout(this.typingTimer);
      this.set({ typingName: event.typing ? (event.sender.name ?? '') : null });
      if (event.typing) this.typingTimer = setTimeout(() => this.set({ typingName: null }), 6000);
    });
    client.on('queue', (queue) => {
      this.queuePushes++;
      if (queue.conversationId === this.state.conversation?.id) this.set({ queue });
    });
    client.on('read', (event) => {
      if (event.conversationId === this.state.conversation?.id && event.readerType === 'user')
        this.set({ agentReadSeq: Math.max(this.state.agentReadSeq, event.seq) });
    });
  }

  private async loadConversation(): Promise<void> {
    if (!this.client) return;
    const [latest] = await this.client.listConversations();
    if (!latest) return;
    this.set({ conversation: latest, messages: this.messagesOf(latest.id) });
    this.notifyHost('active');
    await this.client.sync(latest.id);
    this.refreshPending();
    this.refreshQueue();
    // This tab was in a call before the reload: take its place again.
    if (readPref(this.inboxKey, 'call', true)) void this.calls(this.client).then((ui) => ui.rejoin(latest.id));
  }

  /** The call UI: its own chunk, loaded the first time a call needs it. */
  calls(client: WarmdeskClient): Promise<CallUi> {
    this.callUi ??= import('./call/index.js').then((m) => {
      const call = m.callUi(client, this);
      this.set({ call });
      return call;
    });
    return this.callUi;
  }

  async startCall(media: 'voice' | 'video'): Promise<void> {
    const client = this.client;
    try {
      if (client) await (await this.calls(client)).start((await this.ensureConversation()).id, media);
    } catch (error) {
      this.set({ notice: (error as Error).message });
    }
  }

  private messagesOf(conversationId: string): Message[] {
    return this.received.get(conversationId) ?? [];
  }

  private onMessage(message: Message): void {
    const known = this.messagesOf(message.conversationId);
    if (known.some((m) => m.id === message.id)) return;
    const messages = [...known, message].sort((a, b) => a.seq - b.seq);
    this.received.set(message.conversationId, messages);
    if (message.conversationId !== this.state.conversation?.id) return;
    this.set({ messages, typingName: message.sender.type === 'contact' ? this.state.typingName : null });
    this.refreshPending();
    if (message.sender.type === 'contact' || message.kind === 'event') return;
    if (this.isSeen()) this.markRead();
    else {
      this.set({ unread: this.state.unread + 1 });
      this.notifyHost('unread', { count: this.state.unread });
      this.notifyHost('message', { message });
      if (this.state.config?.settings.sound) beep();
    }
  }

  private isSeen(): boolean {
    return this.state.open && document.visibilityState === 'visible';
  }

  setOpen(open: boolean): void {
    this.set({ open });
    if (this.isSeen()) this.markRead();
  }

  /** Called when the page becomes visible again. */
  visibilityChanged(): void {
    if (this.isSeen()) this.markRead();
  }

  private markRead(): void {
    const last = this.state.messages.at(-1);
    if (this.state.unread !== 0) {
      this.set({ unread: 0 });
      this.notifyHost('unread', { count: 0 });
    }
    if (last && this.state.conversation) this.client?.markRead(this.state.conversation.id, last.seq);
  }

  private refreshQueue(): void {
    const id = this.state.conversation?.id;
    if (!id || !this.client) return;
    // A place pushed while this request was under way is newer than its answer.
    const pushes = this.queuePushes;
    this.client.queuePosition(id).then(
      (queue) => {
        if (id === this.state.conversation?.id && pushes === this.queuePushes) this.set({ queue });
      },
      () => undefined,
    );
  }

  private refreshPending(): void {
    const id = this.state.conversation?.id;
    this.set({ pending: id && this.client ? this.client.pendingMessages(id) : [] });
  }

  private async ensureConversation(): Promise<Conversation> {
    if (!this.client) throw new Error('not started');
    if (this.state.abandoned) this.startOver();
    const current = this.state.conversation;
    if (current && current.status !== 'closed') return current;
    const conversation = await this.client.startConversation();
    this.set({ conversation, messages: this.messagesOf(conversation.id), agentReadSeq: 0 });
    this.notifyHost('active');
    return conversation;
  }

  async send(text: string): Promise<void> {
    const client = this.client;
    if (!client || !text.trim()) return;
    try {
      const conversation = await this.ensureConversation();
      const sending = client.send(conversation.id, text);
      this.refreshPending();
      await sending;
      if (!this.state.queue) this.refreshQueue();
    } catch (error) {
      this.set({ notice: (error as WarmdeskError).message });
    } finally {
      this.refreshPending();
    }
  }

  async upload(file: File): Promise<void> {
    const client = this.client;
    if (!client) return;
    const id = ++this.uploadSeq;
    const update = (patch: Partial<Upload>) =>
      this.set({ uploads: this.state.uploads.map((u) => (u.id === id ? { ...u, ...patch } : u)) });
    this.set({ uploads: [...this.state.uploads, { id, name: file.name, progress: 0, error: null }] });
    const limits = this.state.config?.upload;
    if (limits && file.size > limits.maxBytes) {
      update({ error: `${file.name}: > ${Math.round(limits.maxBytes / 1048576)} MB` });
      return;
    }
    try {
      const conversation = await this.ensureConversation();
      await client.upload(conversation.id, file, { onProgress: (progress) => update({ progress }) });
      this.set({ uploads: this.state.uploads.filter((u) => u.id !== id) });
    } catch (error) {
      update({ error: `${file.name}: ${(error as Error).message}` });
    }
  }

  dismissUpload(id: number): void {
    this.set({ uploads: this.state.uploads.filter((u) => u.id !== id) });
  }

  async submitPreChat(profile: Record<string, string>, attributes: Record<string, string>): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.setProfile(profile);
    if (Object.keys(attributes).length > 0) await client.setAttributes(attributes);
    writePref(this.inboxKey, 'prechat', 'done');
    this.set({ preChatDone: true });
  }

  async leaveMessage(body: { content: string; name?: string; email?: string; phone?: string }): Promise<void> {
    if (!this.client) return;
    const { conversation } = await this.client.leaveMessage(body);
    this.set({ leftMessage: true, conversation });
    this.notifyHost('active');
    await this.client.sync(conversation.id);
    this.refreshQueue();
  }

  /** 放弃排队: the conversation is resolved and leaves the queue. */
  async leaveQueue(): Promise<void> {
    const conversation = this.state.conversation;
    if (!conversation || !this.client) return;
    await this.client.leaveQueue(conversation.id, 'abandon');
    this.set({ abandoned: true, queue: null, conversation: { ...conversation, status: 'resolved' } });
  }

  async askBot(): Promise<void> {
    const id = this.state.conversation?.id;
    if (id && this.client) await this.client.askBot(id);
  }

  async requestCallback(phone: string): Promise<void> {
    const id = this.state.conversation?.id;
    if (!id || !this.client) return;
    await this.client.requestCallback(id, phone);
    this.set({ callbackPhone: phone });
  }

  /** After leaving the queue: a clean panel; the next message starts a new conversation. */
  startOver(): void {
    const id = this.state.conversation?.id;
    if (id) this.dropped.add(id);
    this.set({ conversation: null, messages: [], queue: null, abandoned: false, callbackPhone: null, rated: null });
    this.set({ leftMessage: false, agentReadSeq: 0, typingName: null });
  }

  /** "Was this helpful?" under a bot answer; a failure leaves it unanswered, with a notice. */
  async botFeedback(messageId: string, helpful: boolean): Promise<void> {
    if (!this.client) return;
    try {
      // `conflict`: already answered (another tab): nothing left to ask.
      await this.client.sendBotFeedback(messageId, helpful).catch((error: WarmdeskError) => {
        if (error.code !== 'conflict') throw error;
      });
      const feedback = { ...this.state.feedback, [messageId]: helpful };
      this.set({ feedback });
      storeFeedback(this.inboxKey, feedback);
    } catch (error) {
      // Storage blocked: the answer still counts, remembered until the page closes.
      if (error instanceof DOMException) return;
      this.set({ notice: (error as WarmdeskError).message });
    }
  }

  async rate(score: number, comment: string): Promise<void> {
    const id = this.state.conversation?.id;
    if (!id || !this.client) return;
    await this.client.rate(id, score, comment || undefined);
    this.set({ rated: score });
  }

  async transcript(email: string | undefined): Promise<void> {
    const id = this.state.conversation?.id;
    if (id && this.client) await this.client.requestTranscript(id, email);
  }

  async identify(identity: BridgeIdentity): Promise<void> {
    // kept for the live room page the "live now" banner opens
    this.identity = identity;
    if (!this.client) return;
    const result = await this.client.identify(identity).catch(() => null);
    if (result?.switched) await this.loadConversation();
  }

  setAttributes(attributes: Record<string, string | number | boolean | null>): void {
    void this.client?.setAttributes(attributes).catch(() => undefined);
  }

  track(event: string, props: Record<string, string | number | boolean | null>): void {
    void this.client?.track(event, props).catch(() => undefined);
  }

  updateContext(context: BridgePageContext): void {
    void this.client?.updateContext(context).catch(() => undefined);
  }

  setTyping(typing: boolean): void {
    const id = this.state.conversation?.id;
    if (id) this.client?.setTyping(id, typing);
  }

  showGreeting(message: string): void {
    this.set({ greeting: message });
  }

  setLocale(locale: Locale): void {
    writePref(this.inboxKey, 'locale', locale);
    this.set({ locale });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }
}
