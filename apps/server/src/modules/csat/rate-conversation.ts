import type { ConversationStatus } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { widgetSettingsOf } from '../widget/settings.js';
import { CSAT_RATED } from './events.js';
import { type CsatRow, presentCsatRecord } from './presenter.js';
import { getRating } from './queries.js';

const RATEABLE: ReadonlySet<ConversationStatus> = new Set(['resolved', 'closed']);

/**
 * Stores the customer's rating of a finished conversation, replacing an earlier one (score and comment),
 * with the conversation's assignee at this moment. The caller has checked that the customer owns it.
 */
export async function rateConversation(
  ctx: AppContext,
  customer: CustomerPrincipal,
  conversationId: string,
  rating: { score: number; comment?: string | undefined },
): Promise<CsatRow> {
  return transaction(ctx, async (tx) => {
    // FOR SHARE: a customer message reopening the conversation waits until the rating is stored.
    const { rows } = await tx.client.query<{
      status: ConversationStatus;
      contact_id: string;
      assignee_user_id: string | null;
      inbox_config: unknown;
    }>(
      `SELECT c.status, c.contact_id, c.assignee_user_id, i.config AS inbox_config
         FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
        WHERE c.account_id = $1 AND c.id = $2 FOR SHARE OF c`,
      [customer.accountId, conversationId],
    );
    const conversation = rows[0];
    if (!conversation) throw new AppError('not_found', 'conversation not found');
    if (!widgetSettingsOf(conversation.inbox_config).csat)
      throw new AppError('forbidden', 'this inbox does not ask for ratings');
    if (!RATEABLE.has(conversation.status)) {
      throw new AppError(
        'invalid_transition',
        `a conversation can be rated once it is resolved; this one is ${conversation.status}`,
        { status: conversation.status },
      );
    }
    await tx.client.query(
      `INSERT INTO csat_ratings (account_id, conversation_id, contact_id, assignee_user_id, score, comment)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (conversation_id) DO UPDATE
         SET contact_id = EXCLUDED.contact_id, assignee_user_id = EXCLUDED.assignee_user_id,
             score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()`,
      [
        customer.accountId,
        conversationId,
        conversation.contact_id,
        conversation.assignee_user_id,
        rating.score,
        rating.comment || null,
      ],
    );
    const row = await getRating(tx.client, customer.accountId, conversationId);
    await tx.emit({ accountId: customer.accountId, type: CSAT_RATED, payload: { rating: presentCsatRecord(row) } });
    return row;
  });
}
