import type {
  ClientToServerEvents,
  Conversation,
  Message,
  QueueUpdate,
  ReadEvent,
  TypingEvent,
} from '@warmdesk/protocol';
import type { FetchLike } from './http.js';
import type { StorageLike } from './storage.js';

export type ClientState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'closed';

export type Transport = 'websocket' | 'polling' | 'webtransport';

export interface ClientOptions {
  /** Server origin, plus a path prefix if the server sits behind one: `https://support.example.com`. */
  baseUrl: string;
  /** The inbox's public key (the widget snippet's `inboxKey`). */
  inboxKey: string;
  /** Where the session token and the outbox persist. Default: `localStorage` when usable, else memory. */
  storage?: StorageLike;
  /** Socket.IO transports in the order tried. Default `['websocket', 'polling']`. */
  transports?: Transport[];
  /** `fetch` implementation. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** How long to wait for a socket acknowledgement before retrying, in ms. Default 10 000. */
  ackTimeoutMs?: number;
  /** How long to wait for an HTTP response, in ms. Default 15 000. */
  requestTimeoutMs?: number;
}

/** Payload of each event `client.on` accepts. */
export interface ClientEvents {
  /** A customer-visible message, each exactly once and in seq order per conversation (own messages included). */
  message: Message;
  /** A conversation changed on the server (status, assignee...). */
  conversation: Conversation;
  typing: TypingEvent;
  read: ReadEvent;
  /** The customer's place in the queue while waiting for an agent. */
  queue: QueueUpdate;
  state: ClientState;
  /** A `call:*` event of the server, passed on unchecked for `@warmdesk/sdk/calls` (which validates it). */
  call: CallRelayEvent;
  /** Something failed that no promise reports: a background sync, a reloaded message the server refused... */
  error: Error;
}

export interface HistoryOptions {
  /** Messages with seq greater than this; default 0. */
  afterSeq?: number;
  /** Page size, 1..200; the server's default is 50. */
  limit?: number;
}

/** The two ends of a promise settled later (internal; not exported from the package). */
export interface Deferred<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export type AttributeValue = string | number | boolean | null;

/** Who the customer is, as the site's backend vouches (`hmac`: hex HMAC-SHA256 of userId, inbox secret). */
export interface Identity {
  userId: string;
  name?: string;
  email?: string;
  phone?: string;
  hmac?: string;
}

/** What the customer says about themselves (a pre-chat form); fills only the contact's empty fields. */
export interface Profile {
  name?: string;
  email?: string;
  phone?: string;
}

/** A message left while nobody is available, with a way to be reached (email or phone). */
export interface LeaveMessage {
  content: string;
  name?: string;
  email?: string;
  phone?: string;
}

export interface UploadOptions {
  /** Message text shown with the file; default the file name. */
  caption?: string;
  /** Called with the fraction sent (0..1) where the platform reports progress (browsers). */
  onProgress?: (fraction: number) => void;
}

export interface CallRelayEvent {
  event: string;
  payload: unknown;
}

/** The call events a customer sends (`client.callEmit`); all of them are acknowledged. */
export type CallEmitEvent = Exclude<
  Extract<keyof ClientToServerEvents, `call:${string}`>,
  'call:pointer' | 'call:notice'
>;

export type CallEmitPayload<K extends CallEmitEvent> = Parameters<ClientToServerEvents[K]>[0];

/** What the server acknowledges a call event with, when it succeeded. */
export type CallEmitResult<K extends CallEmitEvent> =
  NonNullable<Parameters<ClientToServerEvents[K]>[1]> extends (res: infer R) => void ? Extract<R, { ok: true }> : never;
