import type {
  Conversation,
  Csat,
  IdentifyResult,
  Message,
  MessagePage,
  PageContext,
  QueueUpdate,
  WidgetConfig,
} from '@warmdesk/protocol';
import { type BotFeedbackBody, botFeedbackBody } from './bot-feedback.js';
import { isRecord, WarmdeskError } from './errors.js';
import { isConversation, isMessagePage, parseAs } from './guards.js';
import type { Http } from './http.js';
import type { SessionManager } from './session.js';
import type { AttributeValue, HistoryOptions, Identity, LeaveMessage, Profile } from './types.js';

/** The customer's REST endpoints (`/api/v1/widget/...`), called with the session token. */
export class CustomerApi {
  constructor(
    private readonly http: Http,
    private readonly sessions: SessionManager,
  ) {}

  /** The customer's open conversation in this inbox, or a new one. */
  async openConversation(): Promise<Conversation> {
    const body = await this.authed((token) => this.http.request('POST', '/widget/conversations', { body: {}, token }));
    return parseAs(body, isConversation, 'a conversation');
  }

  /** The customer's conversations in this inbox, newest first. */
  async listConversations(): Promise<Conversation[]> {
    const body = await this.authed((token) => this.http.request('GET', '/widget/conversations', { token }));
    const items = isRecord(body) && Array.isArray(body.items) ? body.items : undefined;
    if (!items?.every(isConversation))
      throw new WarmdeskError('protocol', 'unexpected server response: expected {items}');
    return items;
  }

  async history(conversationId: string, options: HistoryOptions = {}): Promise<MessagePage> {
    const body = await this.authed((token) =>
      this.http.request('GET', `/widget/conversations/${encodeURIComponent(conversationId)}/messages`, {
        token,
        query: { afterSeq: options.afterSeq, limit: options.limit },
      }),
    );
    return parseAs(body, isMessagePage, 'a message page');
  }

  /** The inbox's public widget settings and whether anyone of the team is there (no session needed). */
  async config(inboxKey: string): Promise<WidgetConfig> {
    const body = await this.http.request('GET', '/widget/config', { query: { inboxKey } });
    if (!isRecord(body) || !isRecord(body.settings)) throw new WarmdeskError('protocol', 'unexpected widget config');
    return body as WidgetConfig;
  }

  async identify(identity: Identity): Promise<IdentifyResult> {
    const body = await this.post('/widget/identify', identity);
    if (!isRecord(body) || typeof body.verified !== 'boolean' || typeof body.contactId !== 'string')
      throw new WarmdeskError('protocol', 'unexpected identify result');
    return body as IdentifyResult;
  }

  async setProfile(profile: Profile): Promise<void> {
    await this.post('/widget/profile', profile);
  }

  async setAttributes(attributes: Record<string, AttributeValue>): Promise<void> {
    await this.post('/widget/attributes', { attributes });
  }

  async track(event: string, props: Record<string, AttributeValue>): Promise<void> {
    await this.post('/widget/events', { event, props });
  }

  async updateContext(context: PageContext): Promise<void> {
    await this.post('/widget/context', context);
  }

  async leaveMessage(message: LeaveMessage): Promise<{ conversation: Conversation; message: Message }> {
    const body = await this.post('/widget/offline-messages', message);
    if (!isRecord(body) || !isConversation(body.conversation))
      throw new WarmdeskError('protocol', 'unexpected offline message result');
    return body as { conversation: Conversation; message: Message };
  }

  async rate(conversationId: string, score: number, comment?: string): Promise<Csat> {
    const body = await this.post(`/widget/conversations/${encodeURIComponent(conversationId)}/rating`, {
      score,
      ...(comment ? { comment } : {}),
    });
    if (!isRecord(body) || typeof body.score !== 'number') throw new WarmdeskError('protocol', 'unexpected rating');
    return body as Csat;
  }

  async queuePosition(conversationId: string): Promise<QueueUpdate | null> {
    const body = await this.authed((token) =>
      this.http.request('GET', `/widget/conversations/${encodeURIComponent(conversationId)}/queue`, { token }),
    );
    if (!isRecord(body) || !('queue' in body)) throw new WarmdeskError('protocol', 'unexpected queue answer');
    return isRecord(body.queue) ? (body.queue as QueueUpdate) : null;
  }

  /** `abandon` (放弃排队) resolves the conversation; `message` keeps it queued for a later reply. */
  async leaveQueue(conversationId: string, mode: 'abandon' | 'message'): Promise<void> {
    await this.post(`/widget/conversations/${encodeURIComponent(conversationId)}/queue/leave`, { mode });
  }

  async requestCallback(conversationId: string, phone: string, note?: string): Promise<void> {
    await this.post(`/widget/conversations/${encodeURIComponent(conversationId)}/callback`, {
      phone,
      ...(note ? { note } : {}),
    });
  }

  async askBot(conversationId: string): Promise<void> {
    await this.post(`/widget/conversations/${encodeURIComponent(conversationId)}/queue/bot`, {});
  }

  async requestTranscript(conversationId: string, email?: string): Promise<void> {
    await this.post(`/widget/conversations/${encodeURIComponent(conversationId)}/transcript`, email ? { email } : {});
  }

  /** Validated before the request, so a bad id fails at once with `validation_failed`. */
  async sendBotFeedback(messageId: string, helpful: boolean): Promise<void> {
    const body: BotFeedbackBody = botFeedbackBody(messageId, helpful);
    await this.post('/widget/bot/feedback', body);
  }

  private post(path: string, body: unknown): Promise<unknown> {
    return this.authed((token) => this.http.request('POST', path, { body, token }));
  }

  /** Runs a call with the session token; on `unauthorized` it refreshes the session once and retries. */
  async authed<T>(call: (token: string) => Promise<T>): Promise<T> {
    const session = await this.sessions.ensure();
    try {
      return await call(session.sessionToken);
    } catch (error) {
      if (!(error instanceof WarmdeskError) || error.code !== 'unauthorized') throw error;
      const fresh = await this.sessions.refresh();
      return call(fresh.sessionToken);
    }
  }
}
