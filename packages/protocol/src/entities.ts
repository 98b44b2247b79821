import { z } from 'zod';
import {
  zAttributes,
  zConversationStatus,
  zId,
  zInboxType,
  zMessageKind,
  zPriority,
  zRole,
  zSenderType,
  zSeq,
  zTimestamp,
  zUserStatus,
} from './common.js';

export const zAccount = z.object({ id: zId, name: z.string(), locale: z.string(), createdAt: zTimestamp });
export type Account = z.infer<typeof zAccount>;

export const zUser = z.object({
  id: zId,
  accountId: zId,
  email: z.string(),
  name: z.string(),
  role: zRole,
  status: zUserStatus,
  capacity: z.number().int(),
  active: z.boolean(),
  /** The user's language; null follows the account's default (or the browser). */
  locale: z.enum(['zh-CN', 'en']).nullable(),
  /** True while an invitation is pending (no password set yet). */
  invited: z.boolean(),
  createdAt: zTimestamp,
});
export type User = z.infer<typeof zUser>;

export const zTeam = z.object({
  id: zId,
  accountId: zId,
  name: z.string(),
  skills: z.array(z.string()),
  memberIds: z.array(zId),
  createdAt: zTimestamp,
});
export type Team = z.infer<typeof zTeam>;

export const zInbox = z.object({
  id: zId,
  accountId: zId,
  name: z.string(),
  type: zInboxType,
  publicKey: z.string(),
  config: z.record(z.string(), z.unknown()),
  createdAt: zTimestamp,
});
export type Inbox = z.infer<typeof zInbox>;

export const zContactIdentity = z.object({
  channel: z.string(),
  externalId: z.string(),
  verified: z.boolean(),
});

export const zContact = z.object({
  id: zId,
  accountId: zId,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  attributes: zAttributes,
  identities: z.array(zContactIdentity),
  mergedIntoId: zId.nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Contact = z.infer<typeof zContact>;

export const zAssignee = z.object({ type: z.enum(['user', 'bot']), id: z.string(), name: z.string() }).nullable();

export const zConversation = z.object({
  id: zId,
  accountId: zId,
  displayId: z.number().int(),
  inboxId: zId,
  contactId: zId,
  status: zConversationStatus,
  priority: zPriority,
  assignee: zAssignee,
  teamId: zId.nullable(),
  labels: z.array(z.string()),
  lastSeq: zSeq,
  waitingSince: zTimestamp.nullable(),
  firstReplyAt: zTimestamp.nullable(),
  snoozedUntil: zTimestamp.nullable(),
  lastMessageAt: zTimestamp.nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Conversation = z.infer<typeof zConversation>;

export const zMessageSender = z.object({
  type: zSenderType,
  id: z.string().nullable(),
  name: z.string().nullable(),
});

export const zMessage = z.object({
  id: zId,
  conversationId: zId,
  seq: zSeq,
  clientMsgId: z.string().nullable(),
  sender: zMessageSender,
  kind: zMessageKind,
  content: z.string(),
  private: z.boolean(),
  attachments: z.array(z.record(z.string(), z.unknown())),
  createdAt: zTimestamp,
});
export type Message = z.infer<typeof zMessage>;

export const zApiToken = z.object({
  id: zId,
  name: z.string(),
  scopes: z.array(z.enum(['read', 'write'])),
  userId: zId,
  lastUsedAt: zTimestamp.nullable(),
  revokedAt: zTimestamp.nullable(),
  createdAt: zTimestamp,
});
export type ApiToken = z.infer<typeof zApiToken>;

export const zAuditEntry = z.object({
  id: z.string(),
  actor: z.object({ type: z.enum(['user', 'api_token', 'system']), id: z.string().nullable() }),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: zTimestamp,
});
export type AuditEntry = z.infer<typeof zAuditEntry>;
