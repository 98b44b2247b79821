import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountId, conversations } from './schema.js';
import { createdAt, id, updatedAt } from './schema-columns.js';

/** Files uploaded into a conversation; the bytes live under the data dir (`uploads/`), named by id. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    accountId: accountId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Set once a message refers to the file. */
    messageId: uuid('message_id'),
    uploaderType: text('uploader_type', { enum: ['contact', 'user'] }).notNull(),
    uploaderId: text('uploader_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    /** Agents only (identity-check snapshots, call recordings). */
    private: boolean('private').notNull().default(false),
    /** Taken during a call (schema-calls.ts): an identity snapshot or a recording, kept per the inbox's retention. */
    purpose: text('purpose', { enum: ['call_snapshot', 'call_recording'] }),
    callId: uuid('call_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_conversation_idx').on(t.conversationId, t.createdAt),
    index('attachments_recordings_idx').on(t.createdAt).where(sql`${t.purpose} = 'call_recording'`),
  ],
);

/** The customer's rating of a resolved conversation (CSAT): one per conversation, changeable. */
export const csatRatings = pgTable(
  'csat_ratings',
  {
    id: id(),
    accountId: accountId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull(),
    assigneeUserId: uuid('assignee_user_id'),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('csat_ratings_conversation_uq').on(t.conversationId),
    index('csat_ratings_account_idx').on(t.accountId, t.createdAt),
  ],
);
