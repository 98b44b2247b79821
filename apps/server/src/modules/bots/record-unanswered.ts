import type { Pool } from 'pg';

/** Longest question text kept for the maintenance list. */
const MAX_TEXT = 1000;

/** A question the bot could not answer confidently, kept for the knowledge-base maintenance list. */
export async function recordUnanswered(
  db: Pool,
  q: {
    accountId: string;
    inboxId: string;
    conversationId: string;
    text: string;
    score: number;
    kind: 'suggest' | 'miss' | 'unhelpful';
  },
): Promise<void> {
  const text = q.text.trim().slice(0, MAX_TEXT);
  if (!text) return;
  await db.query(
    `INSERT INTO bot_unanswered (account_id, inbox_id, conversation_id, text, score, kind)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [q.accountId, q.inboxId, q.conversationId, text, Number.isFinite(q.score) ? q.score : 0, q.kind],
  );
}
