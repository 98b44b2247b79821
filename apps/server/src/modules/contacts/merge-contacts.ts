import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { ContactRow } from './presenter.js';
import { getContact } from './queries.js';

type MergeActor = AgentPrincipal | { kind: 'system'; accountId: string };

/**
 * Moves everything of `sourceId` (sessions, conversations, identities) onto `targetId`, fills the
 * target's empty fields from the source, and marks the source merged. Explicit and audited.
 */
export async function mergeContacts(
  ctx: AppContext,
  actor: AgentPrincipal,
  targetId: string,
  sourceId: string,
): Promise<ContactRow> {
  return transaction(ctx, async (tx) => {
    await mergeContactInto(tx, actor, targetId, sourceId, {});
    return getContact(tx.client, actor.accountId, targetId);
  });
}

/** The merge itself, inside the caller's transaction (also used when a verified identity finds its contact). */
export async function mergeContactInto(
  tx: Tx,
  actor: MergeActor,
  targetId: string,
  sourceId: string,
  auditDetails: Record<string, unknown>,
): Promise<void> {
  if (targetId === sourceId) throw new AppError('validation_failed', 'a contact cannot be merged into itself');
  const { rows } = await tx.client.query<{ id: string; merged_into_id: string | null }>(
    'SELECT id, merged_into_id FROM contacts WHERE account_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
    [actor.accountId, [targetId, sourceId]],
  );
  if (rows.length !== 2) throw new AppError('not_found', 'contact not found');
  if (rows.some((r) => r.merged_into_id)) throw new AppError('conflict', 'a merged contact cannot be merged again');
  const q = (sql: string) => tx.client.query(sql, [actor.accountId, targetId, sourceId]);
  await q('UPDATE contact_inboxes SET contact_id = $2 WHERE account_id = $1 AND contact_id = $3');
  await q('UPDATE conversations SET contact_id = $2 WHERE account_id = $1 AND contact_id = $3');
  await q(`UPDATE messages SET sender_id = $2::text
            WHERE account_id = $1 AND sender_type = 'contact' AND sender_id = $3::text`);
  await q(`UPDATE contact_identities SET contact_id = $2
            WHERE account_id = $1 AND contact_id = $3`);
  await q('UPDATE contact_notes SET contact_id = $2 WHERE account_id = $1 AND contact_id = $3');
  await q(`UPDATE contacts t SET name = COALESCE(t.name, s.name), email = COALESCE(t.email, s.email),
                  phone = COALESCE(t.phone, s.phone), attributes = s.attributes || t.attributes, updated_at = now()
             FROM contacts s WHERE t.account_id = $1 AND t.id = $2 AND s.id = $3`);
  await q('UPDATE contacts SET merged_into_id = $2, updated_at = now() WHERE account_id = $1 AND id = $3');
  await recordAudit(
    tx.client,
    actor,
    'contact.merged',
    { type: 'contact', id: targetId },
    { sourceContactId: sourceId, ...auditDetails },
  );
}
