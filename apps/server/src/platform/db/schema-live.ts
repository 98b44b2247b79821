import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accountId, conversations, inboxes, teams, users } from './schema.js';
import { createdAt, id, ts, updatedAt } from './schema-columns.js';

/**
 * Live-stream service rooms (docs/protocol.md "Live rooms"). The slug is the random share id of the public link.
 * `origin` is where the room was created from, for its share URL when WARMDESK_PUBLIC_URL is not set.
 */
export const liveRooms = pgTable(
  'live_rooms',
  {
    id: id(),
    accountId: accountId(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    hostUserId: uuid('host_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    coHostUserIds: uuid('co_host_user_ids').array().notNull().default(sql`'{}'`),
    slug: text('slug').notNull(),
    origin: text('origin').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    coverUrl: text('cover_url'),
    scheduledAt: ts('scheduled_at'),
    state: text('state', { enum: ['scheduled', 'live', 'ended'] })
      .notNull()
      .default('scheduled'),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    announcement: text('announcement'),
    slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
    bitrateCapKbps: integer('bitrate_cap_kbps').notNull().default(1500),
    recording: boolean('recording').notNull().default(false),
    publishing: boolean('publishing').notNull().default(false),
    publishSource: text('publish_source', { enum: ['camera', 'screen'] }),
    /** The replay file: stored like attachments (`uploads/<accountId>/<id>`), served on the public replay route. */
    replayFileId: uuid('replay_file_id'),
    replayContentType: text('replay_content_type'),
    replayByteSize: bigint('replay_byte_size', { mode: 'number' }),
    /** Next room message seq; bumped in the message insert. */
    lastSeq: integer('last_seq').notNull().default(0),
    peakViewers: integer('peak_viewers').notNull().default(0),
    /** LiveStats saved when the room ended. */
    finalStats: jsonb('final_stats').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('live_rooms_slug_uq').on(t.slug),
    index('live_rooms_account_idx').on(t.accountId, t.createdAt),
    index('live_rooms_inbox_live_idx').on(t.accountId, t.inboxId).where(sql`${t.state} = 'live'`),
  ],
);

/** One row per contact who ever joined a room; `connections` counts their open sockets in it (all processes). */
export const liveViewers = pgTable(
  'live_viewers',
  {
    accountId: accountId(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => liveRooms.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull(),
    firstJoinedAt: ts('first_joined_at').notNull().defaultNow(),
    lastJoinedAt: ts('last_joined_at').notNull().defaultNow(),
    leftAt: ts('left_at'),
    connections: integer('connections').notNull().default(0),
    watchMs: bigint('watch_ms', { mode: 'number' }).notNull().default(0),
    muted: boolean('muted').notNull().default(false),
    removed: boolean('removed').notNull().default(false),
    greetedAt: ts('greeted_at'),
    /** From the join being watched then to the first greeting. */
    greetDelayMs: integer('greet_delay_ms'),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.contactId] }),
    index('live_viewers_account_contact_idx').on(t.accountId, t.contactId),
    index('live_viewers_watching_idx').on(t.roomId).where(sql`${t.connections} > 0`),
  ],
);

export const liveMessages = pgTable(
  'live_messages',
  {
    id: uuid('id').primaryKey(),
    accountId: accountId(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => liveRooms.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderType: text('sender_type', { enum: ['viewer', 'agent', 'system'] }).notNull(),
    /** Contact id, user id, or empty for the system. */
    senderId: text('sender_id').notNull(),
    senderName: text('sender_name').notNull(),
    senderAvatarUrl: text('sender_avatar_url'),
    body: text('body').notNull(),
    question: boolean('question').notNull().default(false),
    answered: boolean('answered').notNull().default(false),
    deleted: boolean('deleted').notNull().default(false),
    quote: jsonb('quote').$type<{ id: string; senderName: string; body: string }>(),
    toContactId: uuid('to_contact_id'),
    clientMsgId: uuid('client_msg_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('live_messages_seq_uq').on(t.roomId, t.seq),
    uniqueIndex('live_messages_client_uq').on(t.roomId, t.senderType, t.senderId, t.clientMsgId),
    index('live_messages_account_idx').on(t.accountId, t.roomId),
    index('live_messages_sender_idx').on(t.roomId, t.senderId, t.createdAt),
  ],
);

export const liveCards = pgTable(
  'live_cards',
  {
    id: id(),
    accountId: accountId(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => liveRooms.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    price: text('price'),
    imageUrl: text('image_url'),
    linkUrl: text('link_url').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('live_cards_room_idx').on(t.accountId, t.roomId, t.createdAt)],
);

/** A viewer's clicks on a card: one row per viewer and card, `clicks` counts every click. */
export const liveCardClicks = pgTable(
  'live_card_clicks',
  {
    accountId: accountId(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => liveRooms.id, { onDelete: 'cascade' }),
    cardId: uuid('card_id')
      .notNull()
      .references(() => liveCards.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull(),
    clicks: integer('clicks').notNull().default(1),
    firstAt: createdAt(),
    lastAt: ts('last_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cardId, t.contactId] }),
    index('live_card_clicks_room_idx').on(t.accountId, t.roomId),
  ],
);

/** Concurrent viewers sampled while live (at most one row per 10 s). */
export const liveViewerSamples = pgTable(
  'live_viewer_samples',
  {
    accountId: accountId(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => liveRooms.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    viewers: integer('viewers').notNull(),
  },
  (t) => [
    index('live_viewer_samples_room_idx').on(t.roomId, t.at),
    index('live_viewer_samples_account_idx').on(t.accountId),
  ],
);

/** Private conversations opened from a room (stats, and the conversation's live context). */
export const livePrivateChats = pgTable(
  'live_private_chats',
  {
    accountId: accountId(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => liveRooms.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull(),
    openedBy: uuid('opened_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.conversationId] }),
    index('live_private_chats_account_idx').on(t.accountId),
  ],
);
