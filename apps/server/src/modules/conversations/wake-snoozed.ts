import { type AppContext, transaction } from '../../platform/context.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from './events.js';
import { getConversation } from './queries.js';

/** Snoozed conversations whose time has come are opened again (safe to run on several nodes). */
export async function wakeSnoozedConversations(ctx: AppContext): Promise<number> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ id: string; account_id: string }>(
      `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now()
        WHERE id IN (SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= now()
                      LIMIT 500 FOR NO KEY UPDATE SKIP LOCKED)
        RETURNING id, account_id`,
    );
    for (const r of rows) {
      await emitConversationChanged(tx, CONVERSATION_CHANGED, await getConversation(tx.client, r.account_id, r.id), [
        'status',
      ]);
    }
    return rows.length;
  });
}
