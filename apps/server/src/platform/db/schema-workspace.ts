import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountId, contacts, conversations, users } from './schema.js';
import { createdAt, id, ts, updatedAt } from './schema-columns.js';

/** Saved replies agents insert with `/shortCode` in the composer. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    accountId: accountId(),
    shortCode: text('short_code').notNull(),
    content: text('content').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('canned_responses_code_uq').on(t.accountId, sql`lower(${t.shortCode})`)],
);

/** The account's label catalogue (name, colour); conversations carry label names. */
export const labels = pgTable(
  'labels',
  {
    id: id(),
    accountId: accountId(),
    name: text('name').notNull(),
    color: text('color').notNull().default('#1677ff'),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('labels_account_name_uq').on(t.accountId, t.name)],
);

/** Agents' notes about a contact, shown in the customer panel of every conversation with them. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: id(),
    accountId: accountId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('contact_notes_contact_idx').on(t.accountId, t.contactId, t.createdAt)],
);

/** One agent's notifications: a conversation assigned to them, a mention in a private note. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    accountId: accountId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ['assigned', 'mention'] }).notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    snippet: text('snippet').notNull().default(''),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.accountId, t.userId, t.createdAt)],
);
