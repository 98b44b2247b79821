import { z } from 'zod';
import { zConversationStatus, zId, zLabel, zSenderType, zSeq, zTimestamp } from './common.js';
import { zConversation } from './entities.js';
import { limits } from './limits.js';

/** Agent workspace and admin console resources (docs/api.md, "Workspace"). */

const zText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'text is empty')
    .refine((s) => !s.includes('\u0000'), 'text must not contain the NUL character (U+0000)');

// Canned responses: typed `/shortCode` in the composer.
export const zShortCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_\-.]+$/u, 'short codes are letters, digits, _ - .');
export const zCannedResponse = z.object({
  id: zId,
  shortCode: z.string(),
  content: z.string(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type CannedResponse = z.infer<typeof zCannedResponse>;
export const zCreateCannedResponseBody = z.object({
  shortCode: zShortCode,
  content: zText(limits.messageContentMaxChars),
});
export const zUpdateCannedResponseBody = zCreateCannedResponseBody.partial();
export const zCannedResponseQuery = z.object({ q: z.string().trim().max(100).optional() });

// Labels: the account's label catalogue; conversations carry label names.
export const zLabelColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour is #rrggbb');
export const zLabelDefinition = z.object({
  id: zId,
  name: z.string(),
  color: z.string(),
  description: z.string(),
  createdAt: zTimestamp,
});
export type LabelDefinition = z.infer<typeof zLabelDefinition>;
export const zCreateLabelBody = z.object({
  name: zLabel,
  color: zLabelColor.default('#1677ff'),
  description: z.string().trim().max(500).default(''),
});
export const zUpdateLabelBody = z.object({ color: zLabelColor, description: z.string().trim().max(500) }).partial();

// Notes about a contact (not a conversation).
export const zContactNote = z.object({
  id: zId,
  contactId: zId,
  author: z.object({ id: zId, name: z.string() }).nullable(),
  content: z.string(),
  createdAt: zTimestamp,
});
export type ContactNote = z.infer<typeof zContactNote>;
export const zCreateContactNoteBody = z.object({ content: zText(5_000) });
export const zContactNoteParams = z.object({ id: zId, noteId: zId });

// Notifications for one agent: assigned to them, mentioned in a private note.
export const zNotificationType = z.enum(['assigned', 'mention']);
export const zNotification = z.object({
  id: zId,
  type: zNotificationType,
  conversationId: zId,
  displayId: z.number().int(),
  actor: z.object({ id: zId, name: z.string() }).nullable(),
  snippet: z.string(),
  readAt: zTimestamp.nullable(),
  createdAt: zTimestamp,
});
export type Notification = z.infer<typeof zNotification>;
export const zNotificationPage = z.object({
  items: z.array(zNotification),
  unread: z.number().int().nonnegative(),
});
export const zMarkNotificationsReadBody = z.union([
  z.object({ ids: z.array(zId).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);

/** A conversation as the workspace lists it: who, the last message, and what the caller has not read. */
export const zConversationListItem = zConversation.extend({
  contact: z.object({
    id: zId,
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  lastMessage: z
    .object({ content: z.string(), senderType: zSenderType, private: z.boolean(), createdAt: zTimestamp })
    .nullable(),
  /** Customer messages after the caller's last read seq. */
  unreadCount: z.number().int().nonnegative(),
  /** The customer's last read seq: the agent's messages up to it show as read. */
  contactReadSeq: zSeq,
});
export type ConversationListItem = z.infer<typeof zConversationListItem>;
export const zConversationListPage = z.object({
  items: z.array(zConversationListItem),
  nextCursor: z.string().nullable(),
});

/** Live counts for the workspace's lists; every count but `byStatus` is of open conversations. */
export const zConversationCounts = z.object({
  mine: z.number().int(),
  mineUnread: z.number().int(),
  unassigned: z.number().int(),
  all: z.number().int(),
  byStatus: z.record(zConversationStatus, z.number().int()),
  byInbox: z.record(z.string(), z.number().int()),
  byTeam: z.record(z.string(), z.number().int()),
  byLabel: z.record(z.string(), z.number().int()),
});
export type ConversationCounts = z.infer<typeof zConversationCounts>;

export const zMarkReadBody = z.object({ seq: zSeq });

// Account settings (admins change them; every agent reads them).
export const zAccountSettings = z.object({
  id: zId,
  name: z.string(),
  /** Default language for users who have not chosen one. */
  locale: z.enum(['zh-CN', 'en']),
  timezone: z.string(),
  /** An agent whose last workspace disconnects turns away after this many seconds (unless back sooner). */
  awayAfterDisconnectSeconds: z.number().int(),
});
export type AccountSettings = z.infer<typeof zAccountSettings>;
export const zUpdateAccountBody = z
  .object({
    name: z.string().trim().min(1).max(limits.nameMaxChars),
    locale: z.enum(['zh-CN', 'en']),
    timezone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone'),
    awayAfterDisconnectSeconds: z.number().int().min(1).max(86_400),
  })
  .partial();

// Invitations: an admin invites by email; the invitee sets a password from the link (code in the URL fragment).
export const zInviteUserBody = z.object({
  email: z
    .email()
    .max(320)
    .transform((s) => s.toLowerCase()),
  name: z.string().trim().min(1).max(limits.nameMaxChars),
  role: z.enum(['admin', 'supervisor', 'agent']).default('agent'),
  capacity: z.number().int().min(0).max(1000).default(5),
});
export const zInvitation = z.object({
  userId: zId,
  /** `/app/accept-invite#code=...`; shown once to the admin, also emailed when SMTP is configured. */
  inviteUrl: z.string(),
  emailed: z.boolean(),
  expiresAt: zTimestamp,
});
export type Invitation = z.infer<typeof zInvitation>;
export const zAcceptInviteBody = z.object({ code: z.string().min(20).max(200), password: z.string().min(8).max(512) });
