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

// biome-ignore lint/complexity/noBannedTypes: Socket.IO's generic slot for inter-server events, none used
type NoEvents = {};
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, NoEvents, SocketData>;
export type IoNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, NoEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoEvents, SocketData>;

export type Realtime = {
  io: IoServer;
  customers: IoNamespace;
  agents: IoNamespace;
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
