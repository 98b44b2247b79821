import type { SenderType } from '@warmdesk/protocol';
import type { Pool } from 'pg';

/** Longest transcript sent by email; longer conversations say they were cut. */
export const TRANSCRIPT_MAX_MESSAGES = 2000;

export type TranscriptHead = {
  conversationId: string;
  displayId: number;
  inboxName: string;
  contactId: string;
  contactEmail: string | null;
  /** The customer's browser time zone as the widget reported it, if any. */
  timeZone: string | null;
};

export type TranscriptMessage = {
  seq: number;
  at: Date;
  senderType: SenderType;
  senderName: string | null;
  content: string;
  fileNames: string[];
};

export async function loadTranscriptHead(
  db: Pool,
  accountId: string,
  conversationId: string,
): Promise<TranscriptHead | undefined> {
  const { rows } = await db.query<{
    display_id: number;
    inbox_name: string;
    contact_id: string;
    contact_email: string | null;
    time_zone: string | null;
  }>(
    `SELECT c.display_id, i.name AS inbox_name, c.contact_id, NULLIF(trim(ct.email), '') AS contact_email,
            (SELECT ci.context->>'timezone' FROM contact_inboxes ci
              WHERE ci.account_id = c.account_id AND ci.contact_id = c.contact_id AND ci.inbox_id = c.inbox_id
              ORDER BY ci.last_seen_at DESC NULLS LAST LIMIT 1) AS time_zone
       FROM conversations c
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN contacts ct ON ct.id = c.contact_id
      WHERE c.account_id = $1 AND c.id = $2`,
    [accountId, conversationId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    conversationId,
    displayId: r.display_id,
    inboxName: r.inbox_name,
    contactId: r.contact_id,
    contactEmail: r.contact_email,
    timeZone: r.time_zone,
  };
}

/** The messages the customer can see, in seq order: private notes and activity stay out. */
export async function loadTranscriptMessages(
  db: Pool,
  accountId: string,
  conversationId: string,
): Promise<{ messages: TranscriptMessage[]; truncated: boolean }> {
  const { rows } = await db.query<{
    seq: number;
    created_at: Date;
    sender_type: SenderType;
    sender_name: string | null;
    content: string;
    attachments: Record<string, unknown>[];
  }>(
    `SELECT m.seq, m.created_at, m.sender_type, u.name AS sender_name, m.content, m.attachments
       FROM messages m
       LEFT JOIN users u ON m.sender_type = 'user' AND u.id::text = m.sender_id
      WHERE m.account_id = $1 AND m.conversation_id = $2 AND NOT m.private
      ORDER BY m.seq
      LIMIT $3`,
    [accountId, conversationId, TRANSCRIPT_MAX_MESSAGES + 1],
  );
  return {
    messages: rows.slice(0, TRANSCRIPT_MAX_MESSAGES).map((r) => ({
      seq: r.seq,
      at: r.created_at,
      senderType: r.sender_type,
      senderName: r.sender_name,
      content: r.content,
      fileNames: r.attachments.flatMap(fileNameOf),
    })),
    truncated: rows.length > TRANSCRIPT_MAX_MESSAGES,
  };
}

function fileNameOf(attachment: Record<string, unknown>): string[] {
  const name = attachment.fileName ?? attachment.name;
  return typeof name === 'string' && name.trim() ? [name] : [];
}
