import type { MessagePage } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { type MessageRow, presentMessage } from './presenter.js';

const PAGE_SQL = `
  SELECT m.*, COALESCE(u.name, ct.name, NULLIF(ib.config->'bot'->>'name', '')) AS sender_name
    FROM messages m
    LEFT JOIN users u ON m.sender_type = 'user' AND u.id::text = m.sender_id
    LEFT JOIN contacts ct ON m.sender_type = 'contact' AND ct.id::text = m.sender_id
    LEFT JOIN inboxes ib ON m.sender_type = 'bot' AND ib.id::text = m.sender_id
   WHERE m.conversation_id = $1 AND m.account_id = $2 AND m.seq > $3
   ORDER BY m.seq
   LIMIT $4`;

/**
 * Messages after `afterSeq` in seq order. Private notes share the seq space; customers do not get
 * them, and `lastSeq` (highest seq scanned) lets their client step past those gaps.
 */
export async function messagePage(
  db: Pool,
  q: { accountId: string; conversationId: string; afterSeq: number; limit: number; includePrivate: boolean },
): Promise<MessagePage> {
  const { rows } = await db.query<MessageRow>(PAGE_SQL, [q.conversationId, q.accountId, q.afterSeq, q.limit + 1]);
  const scanned = rows.slice(0, q.limit);
  const last = scanned[scanned.length - 1];
  return {
    messages: scanned.filter((r) => q.includePrivate || !r.private).map((r) => presentMessage(r)),
    lastSeq: last ? last.seq : q.afterSeq,
    hasMore: rows.length > q.limit,
  };
}
