import { z } from 'zod';
import { zClientMsgId, zId, zTimestamp } from './common.js';

/*
 * Live-stream service rooms (docs/protocol.md "Live rooms"). An agent publishes camera + mic (or a screen) to the
 * SFU (the `media` service); viewers receive it by WebRTC. Chat, the join feed, questions, product cards and
 * moderation go over the realtime gateway (`live:*` events). A viewer is a contact of the room's inbox with a
 * widget session for that inbox, so a private chat is a normal conversation.
 * Media signalling is non-trickle: each side finishes ICE gathering before it sends its SDP.
 */

export const zLiveRoomState = z.enum(['scheduled', 'live', 'ended']);
export type LiveRoomState = z.infer<typeof zLiveRoomState>;

const zHttpUrl = z.url({ protocol: /^https?$/ }).max(2000);
/** An uploaded attachment path (`/api/v1/attachments/...`) or an absolute http(s) URL. */
const zImageRef = z.union([zHttpUrl, z.string().regex(/^\/api\/v1\/attachments\/[\w./-]{1,500}$/)]);

export const zLiveCard = z.object({
  id: zId,
  title: z.string().trim().min(1).max(120),
  /** Shown as written ("¥199", "$29.90"). */
  price: z.string().trim().max(40).nullable(),
  imageUrl: zImageRef.nullable(),
  linkUrl: zHttpUrl,
  pinned: z.boolean(),
  clicks: z.number().int().min(0),
});
export type LiveCard = z.infer<typeof zLiveCard>;

export const zLiveCardBody = z.object({
  title: z.string().trim().min(1).max(120),
  price: z.string().trim().max(40).nullable().optional(),
  imageUrl: zImageRef.nullable().optional(),
  linkUrl: zHttpUrl,
});
export type LiveCardBody = z.infer<typeof zLiveCardBody>;

/** `PATCH /api/v1/live/rooms/:id/cards/:cardId`. */
export const zLiveCardUpdateBody = zLiveCardBody.partial().extend({ pinned: z.boolean().optional() });
export type LiveCardUpdateBody = z.infer<typeof zLiveCardUpdateBody>;

export const zLiveStaff = z.object({ id: zId, name: z.string(), avatarUrl: z.string().nullable() });
export type LiveStaff = z.infer<typeof zLiveStaff>;

/** What viewers see of a room (and everything they need to join it). */
export const zLiveRoomPublic = z.object({
  id: zId,
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  coverUrl: z.string().nullable(),
  scheduledAt: zTimestamp.nullable(),
  state: zLiveRoomState,
  startedAt: zTimestamp.nullable(),
  endedAt: zTimestamp.nullable(),
  /** The linked inbox's widget key: the viewer page opens a widget session with it. */
  inboxKey: z.string(),
  host: zLiveStaff,
  announcement: z.string().nullable(),
  /** Seconds a viewer must wait between two chat messages; 0: off. */
  slowModeSeconds: z.number().int().min(0).max(3600),
  /** Pinned cards only. */
  cards: z.array(zLiveCard),
  /** The publisher is sending media now (viewers subscribe when true). */
  publishing: z.boolean(),
  /** An ended room with a recording: its replay URL. */
  replayUrl: z.string().nullable(),
});
export type LiveRoomPublic = z.infer<typeof zLiveRoomPublic>;

/** What staff see of a room. */
export const zLiveRoom = zLiveRoomPublic.extend({
  inboxId: zId,
  teamId: zId.nullable(),
  coHosts: z.array(zLiveStaff),
  /** All cards, pinned or not. */
  cards: z.array(zLiveCard),
  shareUrl: z.string(),
  bitrateCapKbps: z.number().int().min(100).max(8000),
  recording: z.boolean(),
  createdAt: zTimestamp,
});
export type LiveRoom = z.infer<typeof zLiveRoom>;

export const zLiveRoomCreateBody = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  coverUrl: zImageRef.nullable().optional(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  inboxId: zId,
  teamId: zId.nullable().optional(),
  bitrateCapKbps: z.number().int().min(100).max(8000).default(1500),
  recording: z.boolean().default(false),
  cards: z.array(zLiveCardBody).max(50).optional(),
});
export type LiveRoomCreateBody = z.infer<typeof zLiveRoomCreateBody>;

export const zLiveRoomUpdateBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000),
    coverUrl: zImageRef.nullable(),
    scheduledAt: z.iso.datetime({ offset: true }).nullable(),
    teamId: zId.nullable(),
    bitrateCapKbps: z.number().int().min(100).max(8000),
    recording: z.boolean(),
    announcement: z.string().trim().max(500).nullable(),
    slowModeSeconds: z.number().int().min(0).max(3600),
    coHostUserIds: z.array(zId).max(5),
  })
  .partial();
export type LiveRoomUpdateBody = z.infer<typeof zLiveRoomUpdateBody>;

/** A viewer as staff see them in the join feed and the viewer list. */
export const zLiveViewer = z.object({
  contactId: zId,
  name: z.string(),
  avatarUrl: z.string().nullable(),
  /** The contact had a conversation or watched a room before this one. */
  returning: z.boolean(),
  verified: z.boolean(),
  lastConversation: z
    .object({ id: zId, displayId: z.number().int(), status: z.string(), lastActivityAt: zTimestamp.nullable() })
    .nullable(),
  tags: z.array(z.string()),
  joinedAt: zTimestamp,
  /** null while watching. */
  leftAt: zTimestamp.nullable(),
  muted: z.boolean(),
  greetedAt: zTimestamp.nullable(),
});
export type LiveViewer = z.infer<typeof zLiveViewer>;

export const zLiveSenderType = z.enum(['viewer', 'agent', 'system']);
export const zLiveChatMessage = z.object({
  id: zId,
  roomId: zId,
  /** Per room, increasing. */
  seq: z.number().int().min(1),
  sender: z.object({ type: zLiveSenderType, id: z.string(), name: z.string(), avatarUrl: z.string().nullable() }),
  body: z.string(),
  createdAt: zTimestamp,
  /** A viewer marked it as a question. */
  question: z.boolean(),
  answered: z.boolean(),
  /** Deleted by a moderator: body is empty, viewers hide it. */
  deleted: z.boolean(),
  /** An agent's public answer quotes the question. */
  quote: z.object({ id: zId, senderName: z.string(), body: z.string() }).nullable(),
  /** Set on a private reply or greeting: only this viewer (and staff) receive it. */
  toContactId: zId.nullable(),
});
export type LiveChatMessage = z.infer<typeof zLiveChatMessage>;

export const zLiveStats = z.object({
  roomId: zId,
  concurrentViewers: z.number().int().min(0),
  peakViewers: z.number().int().min(0),
  uniqueViewers: z.number().int().min(0),
  averageWatchSeconds: z.number().min(0),
  /** Median time from a viewer's join to the first greeting they got; null: nobody greeted yet. */
  joinToGreetingMedianMs: z.number().min(0).nullable(),
  messages: z.number().int().min(0),
  questions: z.number().int().min(0),
  questionsAnswered: z.number().int().min(0),
  privateConversations: z.number().int().min(0),
  cardClicks: z.number().int().min(0),
  /** Concurrent viewers sampled over time (at most one point per 10 s). */
  viewersOverTime: z.array(z.object({ at: zTimestamp, viewers: z.number().int().min(0) })),
});
export type LiveStats = z.infer<typeof zLiveStats>;

/** Shown by the widget of the linked inbox as a "live now" banner. */
export const zLiveNow = z.object({ id: zId, slug: z.string(), title: z.string(), url: z.string() });
export type LiveNow = z.infer<typeof zLiveNow>;

/* ---- socket payloads (client -> server) ---- */

export const zLiveRoomIdPayload = z.object({ roomId: zId });
export type LiveRoomIdPayload = z.infer<typeof zLiveRoomIdPayload>;

export const zLiveChatPayload = z.object({
  roomId: zId,
  /** A resend returns the same message. */
  clientMsgId: zClientMsgId,
  body: z.string().trim().min(1).max(500),
  /** Viewers: ask it as a question. */
  question: z.boolean().optional(),
});
export type LiveChatPayload = z.infer<typeof zLiveChatPayload>;

/** Viewers: mark one of their own messages as a question. */
export const zLiveQuestionPayload = z.object({ roomId: zId, messageId: zId });
export type LiveQuestionPayload = z.infer<typeof zLiveQuestionPayload>;

/** Staff: answer a question publicly (quoted in the room) or privately (to its asker only). */
export const zLiveAnswerPayload = z.object({
  roomId: zId,
  messageId: zId,
  clientMsgId: zClientMsgId,
  body: z.string().trim().min(1).max(2000),
  private: z.boolean(),
});
export type LiveAnswerPayload = z.infer<typeof zLiveAnswerPayload>;

/** Staff: greet a viewer (欢迎 XX) in the room or privately; body defaults to the room's greeting. */
export const zLiveGreetPayload = z.object({
  roomId: zId,
  contactId: zId,
  clientMsgId: zClientMsgId,
  body: z.string().trim().min(1).max(500).optional(),
  private: z.boolean(),
});
export type LiveGreetPayload = z.infer<typeof zLiveGreetPayload>;

export const zLiveModeratePayload = z.discriminatedUnion('action', [
  z.object({ roomId: zId, action: z.literal('mute'), contactId: zId }),
  z.object({ roomId: zId, action: z.literal('unmute'), contactId: zId }),
  /** Removes the viewer from the room; they cannot rejoin it. */
  z.object({ roomId: zId, action: z.literal('remove'), contactId: zId }),
  z.object({ roomId: zId, action: z.literal('delete'), messageId: zId }),
]);
export type LiveModeratePayload = z.infer<typeof zLiveModeratePayload>;

export const zLivePinPayload = z.object({ roomId: zId, cardId: zId, pinned: z.boolean() });
export type LivePinPayload = z.infer<typeof zLivePinPayload>;

/** Viewers: a product card was opened (counted once per viewer and card, every click logged). */
export const zLiveCardClickPayload = z.object({ roomId: zId, cardId: zId });
export type LiveCardClickPayload = z.infer<typeof zLiveCardClickPayload>;

/**
 * Staff: open a private 1:1 conversation with a viewer (in the room's inbox, with the room as context); it is
 * assigned to the caller, or routed to the room's team when `route` is true.
 */
export const zLivePrivatePayload = z.object({
  roomId: zId,
  contactId: zId,
  /** The viewer's room message it starts from, quoted as context. */
  messageId: zId.optional(),
  route: z.boolean().optional(),
});
export type LivePrivatePayload = z.infer<typeof zLivePrivatePayload>;

/** Media signalling: the publisher's (staff) or a viewer's complete SDP offer; the ack carries the SFU's answer. */
export const zLiveSdpPayload = z.object({
  roomId: zId,
  sdp: z.string().min(10).max(20_000),
  /** Publisher: what is sent (for the viewers' UI). */
  source: z.enum(['camera', 'screen']).optional(),
});
export type LiveSdpPayload = z.infer<typeof zLiveSdpPayload>;

/* ---- events (server -> client) ---- */

export const zLiveViewerEvent = z.object({
  roomId: zId,
  kind: z.enum(['join', 'leave']),
  viewer: zLiveViewer,
  /** Server time of the join or leave. */
  at: zTimestamp,
});
export type LiveViewerEvent = z.infer<typeof zLiveViewerEvent>;

/** To one viewer: the moderator muted or unmuted them, or removed them from the room. */
export const zLiveYouEvent = z.object({
  roomId: zId,
  muted: z.boolean().optional(),
  removed: z.boolean().optional(),
  /** A private conversation was opened for this viewer: show it beside the video. */
  privateConversationId: zId.optional(),
});
export type LiveYouEvent = z.infer<typeof zLiveYouEvent>;

/** The ack of `live:join`. Staff also get viewers and stats. */
export type LiveJoinResult = {
  room: LiveRoomPublic | LiveRoom;
  /** The latest 50 room messages the caller may see, oldest first. */
  messages: LiveChatMessage[];
  viewers?: LiveViewer[];
  stats?: LiveStats;
  /** Viewers: muted by a moderator. */
  muted?: boolean;
};

/* ---- REST (docs/api.md "Live rooms") ---- */

export const zLiveRoomList = z.object({ items: z.array(zLiveRoom) });
export type LiveRoomList = z.infer<typeof zLiveRoomList>;

export const zLiveViewerList = z.object({ items: z.array(zLiveViewer) });
export type LiveViewerList = z.infer<typeof zLiveViewerList>;

/** `GET /api/v1/live/rooms/:id/messages?before=<seq>&limit=`: older pages by seq, oldest first. */
export const zLiveMessagesQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LiveMessagesQuery = z.infer<typeof zLiveMessagesQuery>;

export const zLiveMessagePage = z.object({ messages: z.array(zLiveChatMessage), hasMore: z.boolean() });
export type LiveMessagePage = z.infer<typeof zLiveMessagePage>;

export const zLiveCardParams = z.object({ id: zId, cardId: zId });
export const zLiveSlugParams = z.object({ slug: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/) });

/** The timeline line of a conversation opened from a live room (a `kind: 'event'` message's attachment). */
export const zLiveActivity = z.object({
  type: z.literal('activity'),
  action: z.literal('live'),
  roomId: zId,
  roomTitle: z.string(),
  /** The viewer's room message it started from. */
  quote: z.string().nullable(),
  by: z.string().nullable(),
});
export type LiveActivity = z.infer<typeof zLiveActivity>;
