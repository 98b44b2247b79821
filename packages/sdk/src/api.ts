import type { Conversation, MessagePage } from '@warmdesk/protocol';
import { isRecord, WarmdeskError } from './errors.js';
import { isConversation, isMessagePage, parseAs } from './guards.js';
import type { Http } from './http.js';
import type { SessionManager } from './session.js';
import type { HistoryOptions } from './types.js';

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

  /** Runs a call with the session token; on `unauthorized` it refreshes the session once and retries. */
  private async authed(call: (token: string) => Promise<unknown>): Promise<unknown> {
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
