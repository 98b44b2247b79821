import { z } from 'zod';
import { limits } from './limits.js';

export const zId = z.uuid();
export const zTimestamp = z.string();

/** A client-generated id (UUID, v7 recommended) that makes a resend return the original message. */
export const zClientMsgId = z.uuid();

export const zRole = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof zRole>;

export const zUserStatus = z.enum(['online', 'busy', 'away', 'offline']);
export type UserStatus = z.infer<typeof zUserStatus>;

export const zInboxType = z.enum(['web_widget', 'api']);
export type InboxType = z.infer<typeof zInboxType>;

export const zConversationStatus = z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']);
export type ConversationStatus = z.infer<typeof zConversationStatus>;

export const zPriority = z.enum(['none', 'low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof zPriority>;

export const zMessageKind = z.enum(['text', 'image', 'file', 'card', 'event', 'note']);
export type MessageKind = z.infer<typeof zMessageKind>;

export const zSenderType = z.enum(['contact', 'user', 'bot', 'system']);
export type SenderType = z.infer<typeof zSenderType>;

export const zLabel = z
  .string()
  .trim()
  .min(1)
  .max(limits.labelMaxChars)
  .regex(/^[\p{L}\p{N}_\-.:]+$/u, 'labels are letters, digits, _ - . :');

/** PostgreSQL text and jsonb cannot hold U+0000; refuse it at the boundary with a clear message. */
const hasNoNul = (s: string) => !s.includes('\u0000');
const NO_NUL = 'text must not contain the NUL character (U+0000)';

export const zAttributes = z
  .record(
    z.string().max(100).refine(hasNoNul, NO_NUL),
    z.union([z.string().max(2000).refine(hasNoNul, NO_NUL), z.number(), z.boolean(), z.null()]),
  )
  .refine((v) => JSON.stringify(v).length <= limits.attributesMaxBytes, 'attributes too large');

export const zMessageContent = z
  .string()
  .max(limits.messageContentMaxChars, `content is longer than ${limits.messageContentMaxChars} characters`)
  .refine((s) => s.trim().length > 0, 'content is empty')
  .refine(hasNoNul, NO_NUL);

export const zSeq = z.number().int().nonnegative();

export const zCursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(limits.listPageMax).default(25),
});
