import type { WidgetSession } from '@warmdesk/protocol';
import { WarmdeskError } from './errors.js';
import { isWidgetSession, parseAs } from './guards.js';
import type { Http } from './http.js';
import { readJson, type StorageLike, writeJson } from './storage.js';

export interface SessionManagerOptions {
  http: Http;
  inboxKey: string;
  storage: StorageLike;
  storageKey: string;
  isClosed: () => boolean;
  /** The server created a new contact instead of resuming the previous one: that contact's conversations are gone. */
  onReplaced: () => void;
  report: (error: unknown) => void;
}

/** The customer's widget session: created on first use, resumed from storage, replaced when its token is refused. */
export class SessionManager {
  private session: WidgetSession | null = null;
  private pending: Promise<WidgetSession> | null = null;

  constructor(private readonly options: SessionManagerOptions) {}

  get current(): WidgetSession | null {
    return this.session;
  }

  /** The current session, creating or resuming one (with the stored token) when there is none yet. */
  ensure(): Promise<WidgetSession> {
    if (this.session) return Promise.resolve(this.session);
    return this.request();
  }

  /** Asks the server again with the current token: same session back if it is still valid, else a new one. */
  refresh(): Promise<WidgetSession> {
    return this.request();
  }

  private request(): Promise<WidgetSession> {
    this.pending ??= (async () => {
      const stored = await this.readStored();
      const previous = this.session ?? stored;
      const body = await this.options.http.request('POST', '/widget/sessions', {
        body: { inboxKey: this.options.inboxKey },
        token: previous?.sessionToken,
      });
      const session = parseAs(body, isWidgetSession, 'a widget session');
      if (this.options.isClosed()) return session;
      this.session = session;
      try {
        await writeJson(this.options.storage, this.options.storageKey, session);
      } catch (error) {
        this.options.report(error);
      }
      if (previous && previous.contactId !== session.contactId) {
        this.options.onReplaced();
        this.options.report(
          new WarmdeskError('session_replaced', 'the stored session was no longer valid; a new session was created'),
        );
      }
      return session;
    })().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async readStored(): Promise<WidgetSession | null> {
    try {
      const value = await readJson(this.options.storage, this.options.storageKey);
      return isWidgetSession(value) ? value : null;
    } catch (error) {
      this.options.report(error);
      return null;
    }
  }
}
