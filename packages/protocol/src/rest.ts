import { z } from 'zod';
import { zBotSettings } from './bot.js';
import { zCallSettings } from './calls.js';
import {
  zAttributes,
  zClientMsgId,
  zConversationStatus,
  zCursorQuery,
  zId,
  zInboxType,
  zLabel,
  zMessageContent,
  zPriority,
  zRole,
  zSeq,
  zUserStatus,
} from './common.js';
import { zConversation, zMessage, zUser } from './entities.js';
import { limits } from './limits.js';
import { zRoutingSettings } from './routing.js';
import { zWidgetSettings } from './widget.js';
import { zAccountSettings } from './workspace.js';

const zName = z.string().trim().min(1).max(limits.nameMaxChars);
const zEmail = z
  .email()
  .max(320)
  .transform((s) => s.toLowerCase());

export const zIdParams = z.object({ id: zId });

export const zLoginBody = z.object({ email: zEmail, password: z.string().min(1).max(512) });
/** The signed-in agent, their account's settings, and the CSRF token for writes. */
export const zSessionInfo = z.object({
  user: z.lazy(() => zUser),
  account: z.lazy(() => zAccountSettings),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof zSessionInfo>;

export const zCreateUserBody = z.object({
  email: zEmail,
  name: zName,
  role: zRole.default('agent'),
  password: z.string().min(8).max(512),
  capacity: z.number().int().min(0).max(1000).default(5),
});
export const zUpdateUserBody = z
  .object({
    name: zName,
    role: zRole,
    status: zUserStatus,
    capacity: z.number().int().min(0).max(1000),
    active: z.boolean(),
    password: z.string().min(8).max(512),
    /** Required when users change their own password. */
    currentPassword: z.string().min(1).max(512),
    locale: z.enum(['zh-CN', 'en']).nullable(),
  })
  .partial();

export const zCreateTeamBody = z.object({
  name: zName,
  skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  memberIds: z.array(zId).max(1000).default([]),
});
export const zUpdateTeamBody = zCreateTeamBody.partial();

/** Inbox settings; `widget` (web-widget inboxes), `routing` and `bot` are checked field by field, other keys are kept as given. */
export const zInboxConfig = z.looseObject({
  widget: zWidgetSettings.optional(),
  routing: zRoutingSettings.optional(),
  bot: zBotSettings.optional(),
  calls: zCallSettings.optional(),
});
export const zCreateInboxBody = z.object({
  name: zName,
  type: zInboxType,
  config: zInboxConfig.default({}),
});
export const zUpdateInboxBody = z.object({ name: zName, config: zInboxConfig }).partial();
export const zInboxSecret = z.object({ secret: z.string() });

export const zContactSearchQuery = zCursorQuery.extend({ q: z.string().trim().max(200).optional() });
export const zCreateContactBody = z.object({
  name: zName.optional(),
  email: zEmail.optional(),
  phone: z.string().trim().max(50).optional(),
  attributes: zAttributes.optional(),
});
export const zUpdateContactBody = z
  .object({
    name: zName.nullable(),
    email: zEmail.nullable(),
    phone: z.string().trim().max(50).nullable(),
    attributes: zAttributes,
  })
  .partial();
export const zMergeContactBody = z.object({ sourceContactId: zId });

export const zConversationListQuery = zCursorQuery.extend({
  status: zConversationStatus.optional(),
  assigneeId: z.union([zId, z.literal('none')]).optional(),
  inboxId: zId.optional(),
  teamId: zId.optional(),
  contactId: zId.optional(),
  label: zLabel.optional(),
  q: z.string().trim().max(200).optional(),
});
export const zConversationPage = z.object({ items: z.array(zConversation), nextCursor: z.string().nullable() });

export const zCreateConversationBody = z.object({ inboxId: zId, contactId: zId });

export const zUpdateConversationBody = z
  .object({
    status: zConversationStatus,
    snoozedUntil: z.iso.datetime({ offset: true }).nullable(),
    assigneeId: zId.nullable(),
    teamId: zId.nullable(),
    priority: zPriority,
    labels: z.array(zLabel).max(limits.labelsMax),
    /** With an assignee or team change: a private note to the new owner, kept in the timeline. */
    note: z.string().trim().min(1).max(2_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');

export const zMessagesQuery = z.object({
  afterSeq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(limits.syncPageMax).default(50),
});
export const zMessagePage = z.object({
  messages: z.array(zMessage),
  /** Highest seq covered by this page, including messages the caller may not see (private notes). */
  lastSeq: zSeq,
  hasMore: z.boolean(),
});
export type MessagePage = z.infer<typeof zMessagePage>;

export const zSendMessageBody = z.object({
  content: zMessageContent,
  clientMsgId: zClientMsgId.optional(),
  private: z.boolean().default(false),
  /** Private notes only: colleagues @mentioned in the note, each notified. */
  mentions: z.array(zId).max(20).optional(),
});

export const zCreateApiTokenBody = z.object({
  name: zName,
  scopes: z
    .array(z.enum(['read', 'write']))
    .min(1)
    .default(['read', 'write']),
});
export const zCreatedApiToken = z.object({ id: zId, name: z.string(), token: z.string() });

export const zAuditQuery = zCursorQuery;

// Customer (widget / SDK) side
export const zWidgetSessionBody = z.object({ inboxKey: z.string().min(8).max(100) });
export const zWidgetSession = z.object({
  sessionToken: z.string(),
  contactId: zId,
  inboxId: zId,
  accountId: zId,
});
export type WidgetSession = z.infer<typeof zWidgetSession>;
export const zCustomerSendBody = z.object({ content: zMessageContent, clientMsgId: zClientMsgId.optional() });
