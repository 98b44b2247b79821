import { sql } from 'drizzle-orm';
import {
  bigserial,
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

import { createdAt, id, ts, updatedAt } from './schema-columns.js';

/** Tables for the agent workspace (canned responses, labels, contact notes, notifications): schema-workspace.ts. */

export const accountId = () =>
  uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });

export const accounts = pgTable('accounts', {
  id: id(),
  name: text('name').notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  /** The last conversation display id handed out (modules/conversations/display-ids.ts). */
  lastDisplayId: integer('last_display_id').notNull().default(0),
  /** An agent whose last workspace socket closes turns away after this many seconds. */
  awayAfterDisconnectSeconds: integer('away_after_disconnect_seconds').notNull().default(60),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    accountId: accountId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent'] }).notNull(),
    status: text('status', { enum: ['online', 'busy', 'away', 'offline'] })
      .notNull()
      .default('offline'),
    capacity: integer('capacity').notNull().default(5),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** 'zh-CN' | 'en'; null follows the account's default. */
    locale: text('locale'),
    /** sha256 of a pending invitation code; null once accepted (or for users created with a password). */
    inviteTokenHash: text('invite_token_hash'),
    inviteExpiresAt: ts('invite_expires_at'),
    /** Round robin: the agent assigned longest ago goes next. */
    lastAssignedAt: ts('last_assigned_at'),
    /** Set when the disconnect grace period turned the agent away; reconnecting turns them online again. */
    autoAway: boolean('auto_away').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`), index('users_account_idx').on(t.accountId)],
);

export const agentSessions = pgTable(
  'agent_sessions',
  {
    id: id(),
    accountId: accountId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agent_sessions_token_uq').on(t.tokenHash)],
);

export const teams = pgTable(
  'teams',
  {
    id: id(),
    accountId: accountId(),
    name: text('name').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_account_name_uq').on(t.accountId, t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    accountId: accountId(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_account_idx').on(t.accountId, t.userId)],
);

export const inboxes = pgTable(
  'inboxes',
  {
    id: id(),
    accountId: accountId(),
    name: text('name').notNull(),
    type: text('type', { enum: ['web_widget', 'api'] }).notNull(),
    publicKey: text('public_key').notNull(),
    /** HMAC secret for identity verification from the customer's backend. */
    secret: text('secret').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('inboxes_public_key_uq').on(t.publicKey), index('inboxes_account_idx').on(t.accountId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    accountId: accountId(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    mergedIntoId: uuid('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_account_idx').on(t.accountId, t.createdAt),
    index('contacts_account_email_idx').on(t.accountId, sql`lower(${t.email})`),
  ],
);

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: id(),
    accountId: accountId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    verified: boolean('verified').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_identities_uq').on(t.accountId, t.channel, t.externalId)],
);

export const contactInboxes = pgTable(
  'contact_inboxes',
  {
    id: id(),
    accountId: accountId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    /** sha256 of the customer's session credential; the credential itself is never stored. */
    sessionTokenHash: text('session_token_hash').notNull(),
    /** What the widget reports of the browser session: page, referrer, UTM, browser, language, time zone, trail. */
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    lastSeenAt: ts('last_seen_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_inboxes_token_uq').on(t.sessionTokenHash),
    index('contact_inboxes_contact_idx').on(t.accountId, t.contactId),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    accountId: accountId(),
    displayId: integer('display_id').notNull(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    contactInboxId: uuid('contact_inbox_id').references(() => contactInboxes.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'pending', 'snoozed', 'resolved', 'closed'] })
      .notNull()
      .default('open'),
    priority: text('priority', { enum: ['none', 'low', 'medium', 'high', 'urgent'] })
      .notNull()
      .default('none'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    assigneeBotId: text('assignee_bot_id'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    labels: text('labels').array().notNull().default(sql`'{}'`),
    lastSeq: integer('last_seq').notNull().default(0),
    waitingSince: ts('waiting_since'),
    firstReplyAt: ts('first_reply_at'),
    snoozedUntil: ts('snoozed_until'),
    lastMessageAt: ts('last_message_at'),
    /** In the live routing queue since (null: not waiting for routing). */
    queuedAt: ts('queued_at'),
    /** Written outside business hours: enters the queue at this time. */
    deferredUntil: ts('deferred_until'),
    assignedAt: ts('assigned_at'),
    resolvedAt: ts('resolved_at'),
    /** Only agents in a team with this skill take it (e.g. video). */
    requiredSkill: text('required_skill'),
    /** The customer asked to be called back on this number instead of waiting. */
    callbackPhone: text('callback_phone'),
    /** The contact was a VIP when the conversation joined the queue (goes ahead within its priority). */
    vip: boolean('vip').notNull().default(false),
    /** Overflow let this team's members take it as well. */
    spillTeamId: uuid('spill_team_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_queue_idx').on(t.inboxId, t.queuedAt).where(sql`${t.queuedAt} IS NOT NULL`),
    // The live queue in its order (routing/queue-sql.ts WAITING and QUEUE_ORDER with VIPs first, the default). Only
    // one such index: with a second one without the VIP column the planner, seeing equal costs, may pick that one
    // for a row comparison it can only partly use. An inbox that does not put VIPs first sorts its queue.
    index('conversations_waiting_idx')
      .on(
        t.inboxId,
        sql`array_position(ARRAY['urgent', 'high', 'medium', 'low', 'none'], ${t.priority})`,
        sql`(NOT ${t.vip})`,
        t.queuedAt,
        t.id,
      )
      .where(sql`${t.queuedAt} IS NOT NULL AND ${t.status} IN ('open', 'pending') AND ${t.assigneeUserId} IS NULL`),
    // Agents' current loads (routing rounds), without reading every conversation they ever had.
    index('conversations_open_assignee_idx')
      .on(t.assigneeUserId, t.inboxId)
      .where(sql`${t.status} IN ('open', 'pending') AND ${t.assigneeUserId} IS NOT NULL`),
    index('conversations_deferred_idx').on(t.deferredUntil).where(sql`${t.deferredUntil} IS NOT NULL`),
    uniqueIndex('conversations_display_uq').on(t.accountId, t.displayId),
    // No per-message column (updated_at, last_seq) in any index: storing a message stays a HOT update.
    index('conversations_account_status_idx').on(t.accountId, t.status),
    index('conversations_account_assignee_idx').on(t.accountId, t.assigneeUserId),
    index('conversations_account_contact_idx').on(t.accountId, t.contactId),
    index('conversations_contact_inbox_idx').on(t.contactInboxId, t.status),
  ],
);

/**
 * High-volume tables carry `account_id` without a foreign key: the foreign-key check would take a KEY SHARE
 * lock on the account's single row for every message, a hotspot under concurrency. The insert statement takes
 * the account from the conversation it locks, so the value is right by construction.
 */
const denormalizedAccountId = () => uuid('account_id').notNull();

export const messages = pgTable(
  'messages',
  {
    id: id(),
    accountId: denormalizedAccountId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    clientMsgId: uuid('client_msg_id'),
    senderType: text('sender_type', { enum: ['contact', 'user', 'bot', 'system'] }).notNull(),
    /** Contact id, user id or bot id; empty string for the system so the idempotence key stays total. */
    senderId: text('sender_id').notNull(),
    kind: text('kind', { enum: ['text', 'image', 'file', 'card', 'event', 'note'] }).notNull(),
    content: text('content').notNull(),
    private: boolean('private').notNull().default(false),
    attachments: jsonb('attachments').$type<Record<string, unknown>[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_uq').on(t.conversationId, t.seq),
    uniqueIndex('messages_client_msg_uq').on(t.conversationId, t.senderType, t.senderId, t.clientMsgId),
    index('messages_account_idx').on(t.accountId, t.createdAt),
  ],
);

export const readReceipts = pgTable(
  'read_receipts',
  {
    accountId: accountId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    readerType: text('reader_type', { enum: ['contact', 'user'] }).notNull(),
    readerId: text('reader_id').notNull(),
    seq: integer('seq').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.readerType, t.readerId] })],
);

export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: denormalizedAccountId(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_account_idx').on(t.accountId, t.id),
    index('events_routing_idx').on(t.accountId, t.createdAt).where(sql`${t.type} LIKE 'routing.%'`),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    accountId: accountId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_account_idx').on(t.accountId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    actorType: text('actor_type', { enum: ['user', 'api_token', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_account_idx').on(t.accountId, t.id)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
