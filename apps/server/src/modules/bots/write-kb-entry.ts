import type { KbEntryBody, zKbEntryPatch } from '@warmdesk/protocol';
import type { PoolClient } from 'pg';
import type { z } from 'zod';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { bumpKbVersion } from './kb-version.js';
import { KB_COLUMNS, type KbEntryRow } from './presenter.js';
import { botService } from './service.js';

/** Question variants without repeats (same text once), in the given order. */
export const distinctQuestions = (questions: readonly string[]) => [...new Set(questions.map((q) => q.trim()))];

export async function insertKbEntry(db: PoolClient, accountId: string, body: KbEntryBody): Promise<KbEntryRow> {
  const { rows } = await db.query<KbEntryRow>(
    `INSERT INTO kb_entries (account_id, questions, answer, tags, enabled, handoff)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${KB_COLUMNS}`,
    [accountId, distinctQuestions(body.questions), body.answer, body.tags, body.enabled, body.handoff],
  );
  const row = rows[0];
  if (!row) throw new AppError('internal', 'entry not created');
  return row;
}

/**
 * A write to the knowledge base: in one transaction with the version bump (every process rebuilds its index)
 * and the audit row; this process rebuilds soon after commit.
 */
export async function writeKb<T>(ctx: AppContext, accountId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await transaction(ctx, async (tx) => {
    const value = await fn(tx);
    await bumpKbVersion(tx.client, accountId);
    return value;
  });
  botService(ctx).indexes.changed(accountId);
  return result;
}

export function createKbEntry(ctx: AppContext, actor: AgentPrincipal, body: KbEntryBody): Promise<KbEntryRow> {
  return writeKb(ctx, actor.accountId, async (tx) => {
    const row = await insertKbEntry(tx.client, actor.accountId, body);
    await recordAudit(
      tx.client,
      actor,
      'kb_entry.created',
      { type: 'kb_entry', id: row.id },
      {
        question: row.questions[0],
      },
    );
    return row;
  });
}

export function updateKbEntry(
  ctx: AppContext,
  actor: AgentPrincipal,
  id: string,
  patch: z.infer<typeof zKbEntryPatch>,
): Promise<KbEntryRow> {
  return writeKb(ctx, actor.accountId, async (tx) => {
    const { rows } = await tx.client.query<KbEntryRow>(
      `UPDATE kb_entries SET questions = COALESCE($3, questions), answer = COALESCE($4, answer),
              tags = COALESCE($5, tags), enabled = COALESCE($6, enabled), handoff = COALESCE($7, handoff),
              updated_at = now()
        WHERE account_id = $1 AND id = $2 RETURNING ${KB_COLUMNS}`,
      [
        actor.accountId,
        id,
        patch.questions ? distinctQuestions(patch.questions) : null,
        patch.answer ?? null,
        patch.tags ?? null,
        patch.enabled ?? null,
        patch.handoff ?? null,
      ],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'knowledge-base entry not found');
    await recordAudit(tx.client, actor, 'kb_entry.updated', { type: 'kb_entry', id }, { fields: Object.keys(patch) });
    return row;
  });
}

export function deleteKbEntry(ctx: AppContext, actor: AgentPrincipal, id: string): Promise<void> {
  return writeKb(ctx, actor.accountId, async (tx) => {
    const { rows } = await tx.client.query<{ questions: string[] }>(
      'DELETE FROM kb_entries WHERE account_id = $1 AND id = $2 RETURNING questions',
      [actor.accountId, id],
    );
    if (!rows[0]) throw new AppError('not_found', 'knowledge-base entry not found');
    await recordAudit(
      tx.client,
      actor,
      'kb_entry.deleted',
      { type: 'kb_entry', id },
      {
        question: rows[0].questions[0],
      },
    );
  });
}
