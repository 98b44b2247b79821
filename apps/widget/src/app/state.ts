import type { Conversation, Locale, Message, QueueUpdate, WidgetConfig } from '@warmdesk/protocol';
import type { ClientState, OutboxEntry } from '@warmdesk/sdk';
import { readFeedback } from './bot.js';
import type { CallUi } from './call/index.js';
import { localeFor } from './i18n.js';
import { readPref } from './prefs.js';

/** What the widget shows, held by the store (store.ts); components re-render when it changes. */
export type Upload = { id: number; name: string; progress: number; error: string | null };

export type WidgetState = {
  config: WidgetConfig | null;
  fatal: string | null;
  locale: Locale;
  open: boolean;
  connection: ClientState;
  conversation: Conversation | null;
  messages: Message[];
  pending: OutboxEntry[];
  typingName: string | null;
  /** Highest seq an agent has read in the current conversation. */
  agentReadSeq: number;
  unread: number;
  uploads: Upload[];
  notice: string | null;
  greeting: string | null;
  preChatDone: boolean;
  leftMessage: boolean;
  rated: number | null;
  /** Place in the queue while waiting for an agent (null when not waiting or unknown). */
  queue: QueueUpdate | null;
  /** The customer left the queue (放弃排队): the conversation ended. */
  abandoned: boolean;
  /** The number the customer asked to be called back at. */
  callbackPhone: string | null;
  /** Answers to "was this helpful?" under bot answers, by message id, for this tab (sessionStorage). */
  feedback: Record<string, boolean>;
  /** The call UI, once a call needed it (./call, loaded on demand). */
  call: CallUi | null;
};

export type Listener = (state: WidgetState) => void;
export type HostNotify = (event: 'unread' | 'message' | 'active', data?: { count?: number; message?: Message }) => void;

/** The state of a widget that has not loaded anything yet: language, pre-chat and answers from earlier visits. */
export function initialState(inboxKey: string): WidgetState {
  return {
    config: null,
    fatal: null,
    locale: localeFor(readPref(inboxKey, 'locale') ?? 'auto'),
    open: false,
    connection: 'idle',
    conversation: null,
    messages: [],
    pending: [],
    typingName: null,
    agentReadSeq: 0,
    unread: 0,
    uploads: [],
    notice: null,
    greeting: null,
    preChatDone: readPref(inboxKey, 'prechat') === 'done',
    leftMessage: false,
    rated: null,
    queue: null,
    abandoned: false,
    callbackPhone: null,
    feedback: readFeedback(inboxKey),
    call: null,
  };
}
