import type { ReadEvent } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import type { CustomerScope } from './events.js';

export const READ_UPDATED = 'read.updated';
export type ReadUpdated = { read: ReadEvent; customer: CustomerScope };

/** Read receipts carry a seq and only move forward; the other side is told. */
export async function markRead(
  ctx: AppContext,
  input: {
    accountId: string;
    conversationId: string;
    readerType: 'contact' | 'user';
    readerId: string;
    seq: number;
    /** Set for customers: only their own contact's conversations in this inbox. */
    customerInboxId?: string;
  },
): Promise<void> {
  const { rows } = await ctx.db.pool.query<{ seq: number; contact_id: string; inbox_id: string; changed: boolean }>(
    `WITH conv AS (
       SELECT id, last_seq, contact_id, inbox_id FROM conversations
        WHERE id = $1 AND account_id = $2 AND ($6::uuid IS NULL OR (inbox_id = $6 AND contact_id::text = $4))
     ), up AS (
       INSERT INTO read_receipts (account_id, conversation_id, reader_type, reader_id, seq)
       SELECT $2, conv.id, $3, $4, LEAST($5, conv.last_seq) FROM conv
       ON CONFLICT (conversation_id, reader_type, reader_id)
       DO UPDATE SET seq = EXCLUDED.seq, updated_at = now() WHERE read_receipts.seq < EXCLUDED.seq
       RETURNING seq
     )
     SELECT COALESCE((SELECT seq FROM up), LEAST($5, conv.last_seq)) AS seq, conv.contact_id, conv.inbox_id,
            EXISTS (SELECT 1 FROM up) AS changed FROM conv`,
    [input.conversationId, input.accountId, input.readerType, input.readerId, input.seq, input.customerInboxId ?? null],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'conversation not found');
  if (!r.changed) return;
  publishRead(ctx.bus, input.accountId, {
    read: { conversationId: input.conversationId, readerType: input.readerType, readerId: input.readerId, seq: r.seq },
    customer: { contactId: r.contact_id, inboxId: r.inbox_id },
  });
}

function publishRead(bus: EventBus, accountId: string, payload: ReadUpdated) {
  bus.publish([{ accountId, type: READ_UPDATED, payload }]);
}

export function onReadUpdated(bus: EventBus, fn: (accountId: string, e: ReadUpdated) => void) {
  return bus.on(READ_UPDATED, (event) => fn(event.accountId, event.payload as ReadUpdated));
}
