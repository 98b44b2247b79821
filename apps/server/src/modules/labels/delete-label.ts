import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import type { ConversationRow } from '../conversations/presenter.js';
import { CONVERSATION_SELECT } from '../conversations/queries.js';

/**
 * Removes a label from the catalogue and from every conversation of the account that carries it (each such
 * conversation is published as changed). Not activity: the conversations keep their place in the lists.
 */
export async function deleteLabel(ctx: AppContext, admin: AgentPrincipal, id: string): Promise<void> {
  await transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ name: string }>(
      'DELETE FROM labels WHERE account_id = $1 AND id = $2 RETURNING name',
      [admin.accountId, id],
    );
    const name = rows[0]?.name;
    if (name === undefined) throw new AppError('not_found', 'label not found');
    const stripped = await tx.client.query<{ id: string }>(
      `UPDATE conversations SET labels = array_remove(labels, $2)
        WHERE account_id = $1 AND $2 = ANY(labels) RETURNING id`,
      [admin.accountId, name],
    );
    const ids = stripped.rows.map((r) => r.id);
    if (ids.length) {
      const changed = await tx.client.query<ConversationRow>(
        `${CONVERSATION_SELECT} WHERE c.account_id = $1 AND c.id = ANY($2::uuid[])`,
        [admin.accountId, ids],
      );
      for (const conversation of changed.rows) {
        await emitConversationChanged(tx, CONVERSATION_CHANGED, conversation, ['labels']);
      }
    }
    await recordAudit(tx.client, admin, 'label.deleted', { type: 'label', id }, { name, conversations: ids.length });
  });
}
