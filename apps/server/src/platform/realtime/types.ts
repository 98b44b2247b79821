import type { ClientToServerEvents, ServerToClientEvents } from '@warmdesk/protocol';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal.js';
import type { TokenBucket } from './token-bucket.js';

export type SocketData = {
  principal: Principal;
  /** Per-key chains of pending events (see `handle`'s `orderBy`). */
  queues: Map<string, Promise<void>>;
  bucket: TokenBucket;
};

/** Between server processes (`serverSideEmit`); arguments come from another process and are checked. */
export type InterServerEvents = {
  /** An inbox's queue changed: refresh the places of the waiting customers on your sockets. */
  'queue:changed': (inboxId: unknown) => void;
};
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type Realtime = {
  io: IoServer;
  customers: IoNamespace;
  agents: IoNamespace;
  /** Events reach sockets on other processes too (Redis or the workers' adapter): `serverSideEmit` works. */
  clustered: boolean;
  /**
   * Work a socket event started that must finish before the database closes (disconnect handlers: closing
   * disconnects every socket, and their clean-up queries would otherwise meet an ended pool). Errors are the
   * caller's to handle.
   */
  track: (work: Promise<unknown>) => void;
  close: () => Promise<void>;
};

export const rooms = {
  /** Every agent socket of the account. */
  account: (id: string) => `account:${id}`,
  /** Agent sockets that take the account's conversation changes one by one (`conversation:updated`, the default). */
  accountUpdates: (id: string) => `account_updates:${id}`,
  /** Agent sockets that take them in batches (`conversations:updated`; handshake `conversationUpdates: 'batched'`). */
  accountBatches: (id: string) => `account_batches:${id}`,
  user: (id: string) => `user:${id}`,
  /** Agents watching one conversation. */
  conversation: (id: string) => `conversation:${id}`,
  /** Agents watching every conversation's messages in the account. */
  accountMessages: (id: string) => `account_messages:${id}`,
  /**
   * A customer's sockets: one contact in one inbox, on every device (a verified identity brings several
   * sessions to one contact). The contact's sessions in other inboxes do not receive this inbox's events.
   */
  customer: (contactId: string, inboxId: string) => `customer:${contactId}:${inboxId}`,
};
