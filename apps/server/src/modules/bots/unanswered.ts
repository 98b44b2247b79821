import { clusterQuestions } from '@warmdesk/bot';
import {
  type KbEntry,
  zKbQuestion,
  type zUnansweredList,
  type zUnansweredResolveBody,
  type zUnansweredResolveResult,
} from '@warmdesk/protocol';
import type { z } from 'zod';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { sharedEmbedder } from './kb-indexes.js';
import { KB_COLUMNS, type KbEntryRow, presentKbEntry } from './presenter.js';
import { botService } from './service.js';
import { distinctQuestions, insertKbEntry, writeKb } from './write-kb-entry.js';

/** Questions clustered at most (the most recent). */
const MAX_QUESTIONS = 2000;
const MAX_VARIANTS = 100;

type QuestionCluster = Awaited<ReturnType<typeof clusterQuestions>>[number];
type Row = { id: string; text: string; score: number; conversation_id: string | null; created_at: Date };

/** Identical questions (ignoring case and spacing) grouped, for when the clustering fails. */
function exactClusters(texts: string[]): QuestionCluster[] {
  const groups = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const key = t.toLowerCase().replace(/\s+/g, '');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()].map((members) => ({ members }));
}

/** Open unanswered questions of the last `days` days, grouped by similarity, biggest group first. */
export async function listUnanswered(
  ctx: AppContext,
  accountId: string,
  days: number,
): Promise<z.infer<typeof zUnansweredList>> {
  const { rows } = await ctx.db.pool.query<Row>(
    `SELECT id, text, score, conversation_id, created_at FROM bot_unanswered
      WHERE account_id = $1 AND resolved_at IS NULL AND created_at > now() - make_interval(days => $2)
      ORDER BY created_at DESC LIMIT ${MAX_QUESTIONS}`,
    [accountId, days],
  );
  const texts = rows.map((r) => r.text);
  const clusters = await clusterQuestions(texts, { embedder: await sharedEmbedder(ctx.log) }).catch((err: unknown) => {
    ctx.log.warn({ err }, 'bot: clustering unanswered questions failed; grouping identical ones');
    return exactClusters(texts);
  });
  const index = await botService(ctx)
    .indexes.current(accountId)
    .catch(() => null);
  const result = await Promise.all(
    clusters.map(async (c) => {
      const members = c.members.flatMap((i) => (rows[i] ? [rows[i]] : []));
      const label = members[0]?.text ?? '';
      const nearest = index ? await index.index.match(label, { top: 1 }).catch(() => null) : null;
      return {
        label,
        size: members.length,
        questions: members.map((r) => ({
          id: r.id,
          text: r.text,
          score: r.score,
          conversationId: r.conversation_id,
          createdAt: r.created_at.toISOString(),
        })),
        nearestEntryId: nearest?.candidates[0]?.id ?? null,
      };
    }),
  );
  const nonEmpty = result.filter((c) => c.size > 0).sort((a, b) => b.size - a.size);
  return { clusters: nonEmpty, total: rows.length };
}

/** Question texts as entry variants: trimmed to the variant length limit. */
const asVariants = (texts: string[]) =>
  texts.flatMap((t) => {
    const parsed = zKbQuestion.safeParse(t.slice(0, 500));
    return parsed.success ? [parsed.data] : [];
  });

function checkVariants(questions: string[]): string[] {
  const distinct = distinctQuestions(questions);
  if (distinct.length > MAX_VARIANTS) {
    throw new AppError('validation_failed', `an entry holds at most ${MAX_VARIANTS} questions`);
  }
  return distinct;
}

async function lockQuestions(tx: Tx, accountId: string, ids: string[]): Promise<{ id: string; text: string }[]> {
  const { rows } = await tx.client.query<{ id: string; text: string }>(
    `SELECT id, text FROM bot_unanswered WHERE account_id = $1 AND id = ANY($2::uuid[]) AND resolved_at IS NULL
      ORDER BY id FOR UPDATE`,
    [accountId, ids],
  );
  if (rows.length === 0) throw new AppError('not_found', 'no such open questions');
  return rows;
}

async function resolveIn(
  tx: Tx,
  actor: AgentPrincipal,
  body: z.infer<typeof zUnansweredResolveBody>,
): Promise<{ resolved: number; entry: KbEntry | null }> {
  const questions = await lockQuestions(tx, actor.accountId, body.questionIds);
  const texts = asVariants(questions.map((q) => q.text));
  let entry: KbEntryRow | null = null;
  if (body.action === 'add_variant') {
    const { rows } = await tx.client.query<{ questions: string[] }>(
      'SELECT questions FROM kb_entries WHERE account_id = $1 AND id = $2 FOR UPDATE',
      [actor.accountId, body.entryId],
    );
    if (!rows[0]) throw new AppError('not_found', 'knowledge-base entry not found');
    const updated = await tx.client.query<KbEntryRow>(
      `UPDATE kb_entries SET questions = $3, updated_at = now() WHERE account_id = $1 AND id = $2
        RETURNING ${KB_COLUMNS}`,
      [actor.accountId, body.entryId, checkVariants([...rows[0].questions, ...texts])],
    );
    entry = updated.rows[0] ?? null;
  } else if (body.action === 'new_entry') {
    const questions = checkVariants([...body.entry.questions, ...texts]);
    entry = await insertKbEntry(tx.client, actor.accountId, { ...body.entry, questions });
  }
  await tx.client.query('UPDATE bot_unanswered SET resolved_at = now() WHERE id = ANY($1::uuid[])', [
    questions.map((q) => q.id),
  ]);
  await recordAudit(
    tx.client,
    actor,
    'kb.unanswered_resolved',
    { type: 'kb_entry', id: entry?.id ?? null },
    {
      action: body.action,
      questions: questions.length,
    },
  );
  return { resolved: questions.length, entry: entry ? presentKbEntry(entry) : null };
}

/** Turns unanswered questions into variants of an entry or a new entry, or dismisses them. */
export function resolveUnanswered(
  ctx: AppContext,
  actor: AgentPrincipal,
  body: z.infer<typeof zUnansweredResolveBody>,
): Promise<z.infer<typeof zUnansweredResolveResult>> {
  if (body.action === 'dismiss') return transaction(ctx, (tx) => resolveIn(tx, actor, body));
  return writeKb(ctx, actor.accountId, (tx) => resolveIn(tx, actor, body));
}
