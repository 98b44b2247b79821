import { z } from 'zod';
import type {
  Call,
  CallAcceptPayload,
  CallIdPayload,
  CallMediaStateEvent,
  CallMediaStatePayload,
  CallNoticePayload,
  CallPeerEvent,
  CallPointerPayload,
  CallQualityPayload,
  CallRejoinPayload,
  CallSignalEvent,
  CallSignalPayload,
  CallStartPayload,
} from './calls.js';
import { zClientMsgId, zId, zMessageContent, zSenderType, zSeq, zTimestamp } from './common.js';
import type { Conversation, Message } from './entities.js';
import type { ErrorBody } from './errors.js';
import type {
  LiveAnswerPayload,
  LiveCardClickPayload,
  LiveChatMessage,
  LiveChatPayload,
  LiveGreetPayload,
  LiveJoinResult,
  LiveModeratePayload,
  LivePinPayload,
  LivePrivatePayload,
  LiveQuestionPayload,
  LiveRoom,
  LiveRoomIdPayload,
  LiveRoomPublic,
  LiveSdpPayload,
  LiveStats,
  LiveViewerEvent,
  LiveYouEvent,
} from './live.js';
import type { MessagePage } from './rest.js';
import { zQueueOffer } from './routing.js';
import type { Notification } from './workspace.js';

export const zCustomerHandshake = z.object({ sessionToken: z.string().min(10).max(200) });
/**
 * Agents authenticate with the session cookie; integrations may pass an API token instead. `conversationUpdates:
 * 'batched'`: the account's conversation changes arrive as `conversations:updated` batches (see that event).
 */
export const zAgentHandshake = z.object({
  token: z.string().min(10).max(200).optional(),
  conversationUpdates: z.enum(['each', 'batched']).optional(),
});

export const zSendPayload = z.object({
  conversationId: zId,
  clientMsgId: zClientMsgId,
  content: zMessageContent,
  /** Agents only: an internal note the customer never sees. */
  private: z.boolean().optional(),
  /** Private notes only: colleagues @mentioned in the note, each notified. */
  mentions: z.array(zId).max(20).optional(),
});
export type SendPayload = z.infer<typeof zSendPayload>;

export const zSyncPayload = z.object({
  conversationId: zId,
  afterSeq: zSeq,
  limit: z.number().int().min(1).max(200).optional(),
});
export type SyncPayload = z.infer<typeof zSyncPayload>;

/**
 * Agents choose which conversations' messages, typing and read receipts they receive: some conversations
 * (the ones on screen) or `all` of the account (supervisors' dashboards, integrations). Conversation changes
 * (`conversation:updated`) reach every agent of the account regardless; assignees always get their own.
 */
export const zWatchPayload = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ conversationIds: z.array(zId).min(1).max(200) }),
]);
export type WatchPayload = z.infer<typeof zWatchPayload>;

export const zTypingPayload = z.object({ conversationId: zId, typing: z.boolean() });
export const zReadPayload = z.object({ conversationId: zId, seq: zSeq });

export const zTypingEvent = z.object({
  conversationId: zId,
  typing: z.boolean(),
  sender: z.object({ type: zSenderType, id: z.string(), name: z.string().nullable() }),
});
export type TypingEvent = z.infer<typeof zTypingEvent>;

export const zReadEvent = z.object({
  conversationId: zId,
  readerType: z.enum(['contact', 'user']),
  readerId: z.string(),
  seq: zSeq,
});
export type ReadEvent = z.infer<typeof zReadEvent>;

/**
 * A waiting customer's place in the inbox's queue (unassigned open conversations, higher priority first, then
 * longest waiting); `position` null: no longer waiting (an agent took it or answered). `estimatedWaitSeconds` is
 * null until the server has recent handle times to go by.
 */
export const zQueueUpdate = z.object({
  conversationId: zId,
  position: z.number().int().min(1).nullable(),
  waiting: z.number().int().min(0),
  estimatedWaitSeconds: z.number().nullable(),
  /** Overflow: what the customer may choose instead of waiting (leave a message, ask for a callback). */
  offers: z.array(zQueueOffer).optional(),
  /** Written outside business hours: the conversation enters the queue at this time. */
  opensAt: zTimestamp.nullable().optional(),
  /** The customer left a message or asked for a callback: they need not wait on the page. */
  leftMessage: z.boolean().optional(),
});
export type QueueUpdate = z.infer<typeof zQueueUpdate>;

/** Every ack is either `{ ok: true, ...data }` or `{ ok: false, error }`. */
export type Ack<T> = ({ ok: true } & T) | ({ ok: false } & ErrorBody);

export interface ClientToServerEvents {
  'message:send': (payload: SendPayload, ack: (res: Ack<{ message: Message }>) => void) => void;
  'conversation:sync': (payload: SyncPayload, ack: (res: Ack<MessagePage>) => void) => void;
  /** Agents only. */
  'conversation:watch': (payload: WatchPayload, ack: (res: Ack<{ watching: number | 'all' }>) => void) => void;
  /** Agents only. */
  'conversation:unwatch': (payload: WatchPayload, ack: (res: Ack<object>) => void) => void;
  typing: (payload: z.infer<typeof zTypingPayload>) => void;
  read: (payload: z.infer<typeof zReadPayload>, ack?: (res: Ack<object>) => void) => void;
  /** Calls (docs/protocol.md "Calls"): either side of the conversation. */
  'call:start': (payload: CallStartPayload, ack: (res: Ack<{ call: Call }>) => void) => void;
  'call:accept': (payload: CallAcceptPayload, ack: (res: Ack<{ call: Call }>) => void) => void;
  'call:decline': (payload: CallIdPayload, ack: (res: Ack<{ call: Call }>) => void) => void;
  /** Ends an active call, or cancels one still ringing or queued. */
  'call:hangup': (payload: CallIdPayload, ack: (res: Ack<{ call: Call }>) => void) => void;
  'call:signal': (payload: CallSignalPayload, ack?: (res: Ack<object>) => void) => void;
  'call:media': (payload: CallMediaStatePayload, ack?: (res: Ack<object>) => void) => void;
  'call:quality': (payload: CallQualityPayload, ack?: (res: Ack<object>) => void) => void;
  'call:rejoin': (payload: CallRejoinPayload, ack: (res: Ack<{ call: Call | null }>) => void) => void;
  /** Agents only. */
  'call:notice': (payload: CallNoticePayload, ack?: (res: Ack<object>) => void) => void;
  /** Agents only. */
  'call:pointer': (payload: CallPointerPayload) => void;
  /**
   * Live rooms (docs/protocol.md "Live rooms"). Viewers: customer sockets of the room's inbox; staff: agents of
   * the room's account (host, co-hosts, supervisors and admins moderate).
   */
  'live:join': (payload: LiveRoomIdPayload, ack: (res: Ack<LiveJoinResult>) => void) => void;
  'live:leave': (payload: LiveRoomIdPayload, ack?: (res: Ack<object>) => void) => void;
  'live:chat': (payload: LiveChatPayload, ack: (res: Ack<{ message: LiveChatMessage }>) => void) => void;
  /** Viewers only. */
  'live:question': (payload: LiveQuestionPayload, ack?: (res: Ack<{ message: LiveChatMessage }>) => void) => void;
  /** Viewers only. */
  'live:click': (payload: LiveCardClickPayload, ack?: (res: Ack<object>) => void) => void;
  /** Viewers only: subscribe to the room's media. */
  'live:watch': (payload: LiveSdpPayload, ack: (res: Ack<{ sdp: string }>) => void) => void;
  /** Staff only. */
  'live:answer': (payload: LiveAnswerPayload, ack: (res: Ack<{ message: LiveChatMessage }>) => void) => void;
  'live:greet': (payload: LiveGreetPayload, ack: (res: Ack<{ message: LiveChatMessage }>) => void) => void;
  'live:moderate': (payload: LiveModeratePayload, ack: (res: Ack<object>) => void) => void;
  'live:pin': (payload: LivePinPayload, ack: (res: Ack<{ room: LiveRoom }>) => void) => void;
  'live:private': (payload: LivePrivatePayload, ack: (res: Ack<{ conversation: Conversation }>) => void) => void;
  /** Staff only: the host publishes (or republishes) the room's media; the room must be live. */
  'live:publish': (payload: LiveSdpPayload, ack: (res: Ack<{ sdp: string }>) => void) => void;
  'live:unpublish': (payload: LiveRoomIdPayload, ack?: (res: Ack<object>) => void) => void;
}

export interface ServerToClientEvents {
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  /**
   * Agents whose handshake asked for `conversationUpdates: 'batched'`: the account's changed conversations,
   * collected for a few tens of milliseconds, latest state of each. Their own and watched conversations still
   * come one by one as `conversation:updated` (and again in a batch).
   */
  'conversations:updated': (conversations: Conversation[]) => void;
  typing: (event: TypingEvent) => void;
  read: (event: ReadEvent) => void;
  /** Customers only: their place in the queue while waiting for an agent (rate-limited). */
  'queue:update': (event: QueueUpdate) => void;
  /** Agents only: a notification for this agent (assigned to them, mentioned). */
  'notification:new': (notification: Notification) => void;
  /** Sent once after connect; `protocol` lets a client notice a server it does not speak. */
  ready: (info: { protocol: string; kind: 'customer' | 'agent'; id: string }) => void;
  /**
   * A call changed (rings, accepted, ended...). Customers: their conversations' calls; agents: the calls of the
   * conversations they watch or are assigned, and calls ringing them.
   */
  'call:updated': (call: Call) => void;
  /** To the other side's socket in the call only. */
  'call:signal': (event: CallSignalEvent) => void;
  'call:media': (event: CallMediaStateEvent) => void;
  'call:peer': (event: CallPeerEvent) => void;
  /** Customers only. */
  'call:notice': (event: CallNoticePayload) => void;
  /** Customers only. */
  'call:pointer': (event: CallPointerPayload) => void;
  /** Live rooms, to those who joined the room: state, announcement, slow mode, pinned cards, publishing. */
  'live:room': (room: LiveRoomPublic | LiveRoom) => void;
  /** A new or changed (answered, deleted, marked as a question) room message the receiver may see. */
  'live:chat': (message: LiveChatMessage) => void;
  /** Staff only: the join feed. */
  'live:viewer': (event: LiveViewerEvent) => void;
  /** Staff only: every few seconds while live. */
  'live:stats': (stats: LiveStats) => void;
  /** One viewer only. */
  'live:you': (event: LiveYouEvent) => void;
}
