import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountId, conversations, inboxes, users } from './schema.js';
import { createdAt, ts } from './schema-columns.js';

/**
 * Voice and video calls inside a conversation (docs/protocol.md "Calls"). The id is the caller's (UUID v7), so a
 * resent `call:start` finds its call. Each side's socket id is kept while the call lives: signalling is relayed
 * to that socket only (`.to(socketId)` works across processes through the Redis adapter).
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey(),
    accountId: accountId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    initiator: text('initiator', { enum: ['customer', 'agent'] }).notNull(),
    media: text('media', { enum: ['voice', 'video'] }).notNull(),
    state: text('state', { enum: ['queued', 'ringing', 'active', 'ended'] }).notNull(),
    /** The agent in the call: the caller, the one rung, or the one who accepted; null while queued. */
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    customerSocketId: text('customer_socket_id'),
    agentSocketId: text('agent_socket_id'),
    createdAt: createdAt(),
    rungAt: ts('rung_at'),
    answeredAt: ts('answered_at'),
    endedAt: ts('ended_at'),
    endReason: text('end_reason', {
      enum: ['completed', 'declined', 'missed', 'cancelled', 'dropped', 'failed'],
    }),
    durationSeconds: integer('duration_seconds'),
    qualityCustomer: jsonb('quality_customer').$type<Record<string, unknown>>(),
    qualityAgent: jsonb('quality_agent').$type<Record<string, unknown>>(),
    /** A side's socket went away during the call; it has 30 s to `call:rejoin`. */
    awaySince: ts('away_since'),
    awayParty: text('away_party', { enum: ['customer', 'agent'] }),
  },
  (t) => [
    // At most one call per conversation is not over.
    uniqueIndex('calls_live_conversation_uq').on(t.conversationId).where(sql`${t.state} <> 'ended'`),
    // A socket that disconnects: the live calls it is a side of.
    index('calls_live_customer_socket_idx').on(t.customerSocketId).where(sql`${t.state} <> 'ended'`),
    index('calls_live_agent_socket_idx').on(t.agentSocketId).where(sql`${t.state} <> 'ended'`),
    index('calls_account_conversation_idx').on(t.accountId, t.conversationId, t.createdAt),
    index('calls_account_created_idx').on(t.accountId, t.createdAt),
  ],
);
