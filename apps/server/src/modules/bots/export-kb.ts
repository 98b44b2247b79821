import type { Pool } from 'pg';
import { type KbFileFormat, serializeKbFile, TAG_SEPARATOR } from './kb-file.js';

/** The account's knowledge base as a file, one row per question variant, oldest entries first. */
export async function exportKb(db: Pool, accountId: string, format: KbFileFormat): Promise<string> {
  const { rows } = await db.query<{
    id: string;
    questions: string[];
    answer: string | null;
    tags: string[];
    enabled: boolean;
  }>(
    `SELECT id, questions, answer->>'text' AS answer, tags, enabled FROM kb_entries
      WHERE account_id = $1 ORDER BY created_at, id`,
    [accountId],
  );
  const lines = rows.flatMap((r) =>
    r.questions.map((q) => [r.id, q, r.answer ?? '', r.tags.join(TAG_SEPARATOR), String(r.enabled)]),
  );
  return serializeKbFile(format, lines);
}

/** `warmdesk-kb-2026-11-24.csv` */
export const exportFileName = (format: KbFileFormat, now = new Date()) =>
  `warmdesk-kb-${now.toISOString().slice(0, 10)}.${format}`;
