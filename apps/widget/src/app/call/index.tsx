import type { CallMedia, CallQuality, Locale } from '@warmdesk/protocol';
import type { CallRelayEvent, WarmdeskClient } from '@warmdesk/sdk';
import { CallSession } from '@warmdesk/sdk/calls';
import type { FunctionComponent } from 'preact';
import type { WidgetStore } from '../store.js';
import { injectCallStyles } from './styles.js';
import { CallView } from './view.js';

/** What the widget app (../store.ts) uses of the call chunk. */
export interface CallUi {
  View: FunctionComponent<{ locale: Locale }>;
  handle(event: CallRelayEvent): void;
  start(conversationId: string, media: CallMedia): Promise<void>;
  rejoin(conversationId: string): Promise<unknown>;
}

declare global {
  interface Window {
    /** For browser tests: the live call's getStats() summary (framesDecoded...) and its phase. */
    __warmdeskCall?: { quality(): Promise<CallQuality | null>; state(): string };
  }
}

/** The customer's calls in the widget (loaded on demand: the first call event, the call button, a reload mid-call). */
export function callUi(client: WarmdeskClient, store: WidgetStore): CallUi {
  injectCallStyles();
  const session = new CallSession({ client, baseUrl: location.origin, listen: false });
  // A reload during the call rejoins it (../store.ts reads this); other tabs of the customer must not.
  const marker = `warmdesk:${store.inboxKey}:call`;
  let shown = 'idle';
  session.subscribe(({ phase, call }) => {
    // An agent calls while the panel is closed or the page hidden: the launcher's badge and the title say so.
    if (phase === 'incoming' && shown !== 'incoming' && !(store.state.open && document.visibilityState === 'visible')) {
      store.set({ unread: store.state.unread + 1 });
      store.notifyHost('unread', { count: store.state.unread });
    }
    shown = phase;
    const inCall = phase !== 'idle' && phase !== 'ended';
    // hides the header's call buttons (styles.ts) while there is a call
    document.body.classList.toggle('wd-in-call', inCall);
    try {
      if (inCall && call) sessionStorage.setItem(marker, call.id);
      else sessionStorage.removeItem(marker);
    } catch {
      // Storage blocked: a reload ends the call after 30 s instead of rejoining it.
    }
  });
  window.__warmdeskCall = { quality: () => session.quality(), state: () => session.view.phase };
  return {
    View: ({ locale }) => <CallView session={session} locale={locale} />,
    handle: (event) => session.handle(event),
    start: (conversationId, media) => session.start(conversationId, media),
    rejoin: (conversationId) => session.rejoin(conversationId).catch(() => null),
  };
}
