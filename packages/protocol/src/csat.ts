import { z } from 'zod';
import { zCursorQuery, zId } from './common.js';
import { zCsat } from './widget.js';

/*
 * Ratings (CSAT) as agents see them, and the customer's "email me this conversation" request.
 * The customer's own view of a rating is `zCsat` (widget.ts).
 */

/** A day (`2025-03-01`, UTC) or an instant (`2025-03-01T08:00:00+08:00`). */
const zDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const zCsatRecord = zCsat.extend({
  id: zId,
  conversationDisplayId: z.number().int(),
  inboxId: zId,
  contactId: zId,
  /** The conversation's assignee when the customer (last) rated it. */
  assignee: z.object({ id: zId, name: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type CsatRecord = z.infer<typeof zCsatRecord>;

export const zCsatListQuery = zCursorQuery.extend({
  /** Ratings given from this day or instant on (by their first rating time). */
  from: zDateOrDateTime.optional(),
  /** Up to this day (included) or instant (excluded). */
  to: zDateOrDateTime.optional(),
  assigneeId: z.union([zId, z.literal('none')]).optional(),
});
export type CsatListQuery = z.infer<typeof zCsatListQuery>;

export const zCsatSummary = z.object({
  /** Ratings matching the filters (all pages). */
  count: z.number().int(),
  /** Average score of those ratings, two decimals; null when there are none. */
  average: z.number().nullable(),
});

export const zCsatPage = z.object({
  items: z.array(zCsatRecord),
  nextCursor: z.string().nullable(),
  summary: zCsatSummary,
});
export type CsatPage = z.infer<typeof zCsatPage>;

export const zTranscriptBody = z.object({
  /** Used (and kept on the contact) only when the contact has no email yet. */
  email: z
    .email()
    .max(320)
    .transform((s) => s.toLowerCase())
    .optional(),
});
export const zTranscriptSent = z.object({ sent: z.literal(true) });
