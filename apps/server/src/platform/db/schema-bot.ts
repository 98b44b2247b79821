import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accountId, accounts, conversations } from './schema.js';
import { createdAt, id, ts, updatedAt } from './schema-columns.js';

/** The account's knowledge base: question variants (the first is the title) and one answer. */
export const kbEntries = pgTable(
  'kb_entries',
  {
    id: id(),
    accountId: accountId(),
    questions: text('questions').array().notNull(),
    /** `KbAnswer` (text, images, product cards). */
    answer: jsonb('answer').$type<Record<string, unknown>>().notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    enabled: boolean('enabled').notNull().default(true),
    /** Answering with this entry also hands the conversation to a human. */
    handoff: boolean('handoff').notNull().default(false),
    hits: integer('hits').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    unhelpful: integer('unhelpful').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('kb_entries_account_idx').on(t.accountId, t.updatedAt)],
);

/**
 * Per account: the tokenizer's product words, and a counter bumped by every change to the knowledge base or the
 * words. Each server process keeps a built index per account and rebuilds it when the counter moved.
 */
export const botAccounts = pgTable('bot_accounts', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  dictionary: text('dictionary').array().notNull().default(sql`'{}'`),
  kbVersion: bigint('kb_version', { mode: 'number' }).notNull().default(0),
  updatedAt: updatedAt(),
});

/** The bot's side of a conversation it took: its dialog state, and whether (and why) it handed off. */
export const botConversations = pgTable(
  'bot_conversations',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    accountId: accountId(),
    inboxId: uuid('inbox_id').notNull(),
    language: text('language'),
    greeted: boolean('greeted').notNull().default(false),
    /** Customer messages the bot handled. */
    turns: integer('turns').notNull().default(0),
    misses: integer('misses').notNull().default(0),
    /** Suggestions offered by the last turn (`SuggestOption[]`). */
    options: jsonb('options').$type<Record<string, unknown>[]>().notNull().default([]),
    lastQuestion: text('last_question'),
    handedOffAt: ts('handed_off_at'),
    handoffReason: text('handoff_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('bot_conversations_account_idx').on(t.accountId, t.createdAt),
    index('bot_conversations_held_idx').on(t.inboxId).where(sql`${t.handedOffAt} IS NULL`),
  ],
);

/** "Was this helpful?" under a bot answer: once per message. */
export const botFeedback = pgTable(
  'bot_feedback',
  {
    messageId: uuid('message_id').primaryKey(),
    accountId: accountId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id'),
    helpful: boolean('helpful').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('bot_feedback_account_idx').on(t.accountId, t.createdAt)],
);

/** Questions the bot could not answer confidently, for the knowledge-base maintenance list. */
export const botUnanswered = pgTable(
  'bot_unanswered',
  {
    id: id(),
    accountId: accountId(),
    inboxId: uuid('inbox_id'),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    score: doublePrecision('score').notNull().default(0),
    /** `suggest`, `miss` (nothing found) or `unhelpful` (the customer said the answer did not help). */
    kind: text('kind', { enum: ['suggest', 'miss', 'unhelpful'] }).notNull(),
    /** Set once added to an entry, made an entry or dismissed; then it leaves the list. */
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [index('bot_unanswered_open_idx').on(t.accountId, t.createdAt).where(sql`${t.resolvedAt} IS NULL`)],
);
