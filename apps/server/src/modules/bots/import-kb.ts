import { type KbEntryBody, zKbEntryBody, type zKbImportResult } from '@warmdesk/protocol';
import type { z } from 'zod';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/record-audit.js';
import { cellText, detectFormat, parseKbFile } from './kb-file.js';
import { writeKb } from './write-kb-entry.js';

type ImportResult = z.infer<typeof zKbImportResult>;
type LineError = ImportResult['errors'][number];

/** Rows one import may carry. */
export const MAX_IMPORT_ROWS = 20_000;
/** Errors listed at most (the count of skipped rows still shows in created/updated). */
const MAX_ERRORS = 200;

const HEADER_ALIASES: Record<string, string> = {
  id: 'id',
  编号: 'id',
  question: 'question',
  questions: 'question',
  问题: 'question',
  answer: 'answer',
  答案: 'answer',
  回答: 'answer',
  tags: 'tags',
  tag: 'tags',
  标签: 'tags',
  enabled: 'enabled',
  启用: 'enabled',
};
const TRUE = new Set(['true', '1', 'yes', 'y', '是', '启用', 'on']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '停用', '禁用', 'off']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Group = { id: string; line: number; questions: string[]; answer: string; tags: string[]; enabled: boolean | null };
type Planned = { id: string | null; line: number; body: KbEntryBody };

/** Bytes of an uploaded file as text: UTF-8, or GB18030 (what spreadsheet programs on Chinese Windows save). */
export function decodeKbFile(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Rows grouped into entries by id (a row without an id is an entry of its own), with per-line errors. */
function groupRows(text: string, fileName: string, errors: LineError[]): Group[] {
  const parsed = parseKbFile(text, detectFormat(fileName, text));
  if (parsed.error) errors.push(parsed.error);
  const [header, ...rows] = parsed.records;
  const columns = (header?.fields ?? []).map((h) => HEADER_ALIASES[cellText(h).toLowerCase()] ?? '');
  const col = (name: string) => columns.indexOf(name);
  if (col('question') < 0 || col('answer') < 0) {
    errors.push({ line: 1, message: 'the header must name the columns: id, question, answer, tags, enabled' });
    return [];
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    errors.push({ line: 1, message: `at most ${MAX_IMPORT_ROWS} rows per import` });
    return [];
  }
  const groups = new Map<string, Group>();
  for (const { line, fields } of rows) {
    const cell = (name: string) => (col(name) < 0 ? '' : cellText(fields[col(name)]));
    const question = cell('question');
    const enabledText = cell('enabled').toLowerCase();
    if (!question) {
      errors.push({ line, message: 'the question is empty' });
      continue;
    }
    if (enabledText && !TRUE.has(enabledText) && !FALSE.has(enabledText)) {
      errors.push({ line, message: 'enabled must be true or false' });
      continue;
    }
    const id = cell('id');
    const key = id.toLowerCase() || `line:${line}`;
    const group = groups.get(key) ?? { id, line, questions: [], answer: '', tags: [], enabled: null };
    groups.set(key, group);
    if (!group.questions.includes(question)) group.questions.push(question);
    group.answer ||= cell('answer');
    for (const tag of cell('tags').split(/[|;,，、；]/)) {
      const t = tag.trim();
      if (t && !group.tags.includes(t)) group.tags.push(t);
    }
    if (enabledText && group.enabled === null) group.enabled = TRUE.has(enabledText);
  }
  return [...groups.values()];
}

function plan(group: Group, errors: LineError[]): Planned | null {
  const parsed = zKbEntryBody.safeParse({
    questions: group.questions,
    answer: { text: group.answer },
    tags: group.tags,
    enabled: group.enabled ?? true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    errors.push({ line: group.line, message: `${issue?.path.join('.') ?? 'entry'}: ${issue?.message ?? 'invalid'}` });
    return null;
  }
  return { id: UUID.test(group.id) ? group.id.toLowerCase() : null, line: group.line, body: parsed.data };
}

/**
 * Imports a CSV or TSV file: rows with an existing entry's id update that entry (its questions, answer text,
 * tags and enabled; images, cards and the hand-off flag stay), other rows create entries. Rows with errors are
 * skipped and listed; the rest is stored in one transaction.
 */
export async function importKb(
  ctx: AppContext,
  actor: AgentPrincipal,
  file: { name: string; text: string },
): Promise<ImportResult> {
  const errors: LineError[] = [];
  const planned = groupRows(file.text, file.name, errors).flatMap((g) => plan(g, errors) ?? []);
  const result = await writeKb(ctx, actor.accountId, async (tx) => {
    const ids = planned.flatMap((p) => (p.id ? [p.id] : []));
    const existing = await tx.client.query<{ id: string }>(
      'SELECT id FROM kb_entries WHERE account_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE',
      [actor.accountId, ids],
    );
    const known = new Set(existing.rows.map((r) => r.id));
    const updates = planned.filter((p) => p.id && known.has(p.id));
    const creates = planned.filter((p) => !(p.id && known.has(p.id)));
    const json = (items: Planned[]) =>
      JSON.stringify(items.map((p) => ({ id: p.id, ...p.body, answerText: p.body.answer.text })));
    if (creates.length) {
      await tx.client.query(
        `INSERT INTO kb_entries (account_id, questions, answer, tags, enabled)
         SELECT $1, ARRAY(SELECT jsonb_array_elements_text(e->'questions')), e->'answer',
                ARRAY(SELECT jsonb_array_elements_text(e->'tags')), (e->>'enabled')::boolean
           FROM jsonb_array_elements($2::jsonb) e`,
        [actor.accountId, json(creates)],
      );
    }
    if (updates.length) {
      await tx.client.query(
        `UPDATE kb_entries k SET questions = ARRAY(SELECT jsonb_array_elements_text(e->'questions')),
                answer = jsonb_set(k.answer, '{text}', e->'answerText'),
                tags = ARRAY(SELECT jsonb_array_elements_text(e->'tags')), enabled = (e->>'enabled')::boolean,
                updated_at = now()
           FROM jsonb_array_elements($2::jsonb) e
          WHERE k.account_id = $1 AND k.id = (e->>'id')::uuid`,
        [actor.accountId, json(updates)],
      );
    }
    const counts = { created: creates.length, updated: updates.length };
    await recordAudit(
      tx.client,
      actor,
      'kb.imported',
      { type: 'kb', id: null },
      {
        ...counts,
        errors: errors.length,
        file: file.name.slice(0, 200),
      },
    );
    return counts;
  });
  errors.sort((a, b) => a.line - b.line);
  return { ...result, errors: errors.slice(0, MAX_ERRORS) };
}
