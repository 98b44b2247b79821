import type { Pool } from 'pg';
import type { ConversationRow } from './presenter.js';

/** A conversation row with what the workspace's list shows beside it. */
export type ConversationListRow = ConversationRow & {
  cursor_ts: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  last_content: string | null;
  last_sender_type: 'contact' | 'user' | 'bot' | 'system' | null;
  last_private: boolean | null;
  last_created_at: Date | null;
  unread_count: number;
  contact_read_seq: number;
};

/*
 * The page is chosen first (filters, order, limit on the conversations table alone); only then, per row of the
 * page, the lateral subqueries look up the contact, the last message, the read receipts and the unread count,
 * each an index probe on (conversation_id, seq) or the receipts' primary key. So a page costs the same with
 * 10,000 conversations as with 10.
 */
const sql = (where: string, viewerParam: number, limitParam: number) => `
  SELECT p.*, COALESCE(u.name, CASE WHEN p.assignee_bot_id IS NOT NULL THEN COALESCE(NULLIF(bi.config->'bot'->>'name', ''), 'Bot') END) AS assignee_name,
         to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts,
         ct.name AS contact_name, ct.email AS contact_email, ct.phone AS contact_phone,
         lm.content AS last_content, lm.sender_type AS last_sender_type, lm.private AS last_private,
         lm.created_at AS last_created_at, COALESCE(cr.seq, 0) AS contact_read_seq, unread.n AS unread_count
    FROM (
      SELECT c.* FROM conversations c
       WHERE ${where}
       ORDER BY c.updated_at DESC, c.id DESC
       LIMIT $${limitParam}
    ) p
    JOIN contacts ct ON ct.id = p.contact_id
    LEFT JOIN users u ON u.id = p.assignee_user_id
    LEFT JOIN inboxes bi ON p.assignee_bot_id IS NOT NULL AND bi.id::text = p.assignee_bot_id
    LEFT JOIN LATERAL (
      SELECT m.content, m.sender_type, m.private, m.created_at FROM messages m
       WHERE m.conversation_id = p.id AND m.kind <> 'event'
       ORDER BY m.seq DESC LIMIT 1
    ) lm ON true
    LEFT JOIN LATERAL (
      SELECT max(r.seq) AS seq FROM read_receipts r WHERE r.conversation_id = p.id AND r.reader_type = 'contact'
    ) cr ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM messages m
       WHERE m.conversation_id = p.id AND m.sender_type = 'contact'
         AND m.seq > COALESCE((SELECT r.seq FROM read_receipts r WHERE r.conversation_id = p.id
                                  AND r.reader_type = 'user' AND r.reader_id = $${viewerParam}), 0)
    ) unread ON true
   ORDER BY p.updated_at DESC, p.id DESC`;

/** Conversations matching `where` (over `c`, with `params`), newest activity first, as the viewer sees them. */
export async function conversationListRows(
  db: Pool,
  q: { where: string[]; params: unknown[]; viewerId: string; limit: number },
): Promise<ConversationListRow[]> {
  const params = [...q.params, q.viewerId, q.limit];
  const { rows } = await db.query<ConversationListRow>(
    sql(q.where.join(' AND '), params.length - 1, params.length),
    params,
  );
  return rows;
}
