import type { DialogState, SuggestOption } from '@warmdesk/bot';
import type { Pool, PoolClient } from 'pg';
import { type AppContext, transaction } from '../../platform/context.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { OFFLINE_LABEL } from '../widget/leave-message.js';

/** Each inbox has its own bot; its id (`assignee.id`, `sender.id` of its messages) is the inbox's. */
export const botIdOf = (inboxId: string) => inboxId;

/** A conversation the bot took, with its dialog state. */
export type BotConversation = {
  conversationId: string;
  accountId: string;
  inboxId: string;
  language: string | null;
  /** The customer's browser language (session context). */
  browserLanguage: string | null;
  greeted: boolean;
  turns: number;
  state: DialogState;
  lastQuestion: string | null;
  handedOff: boolean;
  /** The conversation is still the bot's (nobody else took it since). */
  withBot: boolean;
  /** The bot helps while the conversation waits in the queue (overflow offer), whether or not the inbox is bot-first. */
  assisting: boolean;
};

type Row = {
  conversation_id: string;
  account_id: string;
  inbox_id: string;
  language: string | null;
  browser_language: string | null;
  greeted: boolean;
  turns: number;
  misses: number;
  options: SuggestOption[];
  last_question: string | null;
  handed_off_at: Date | null;
  with_bot: boolean;
  assisting: boolean;
};

const present = (r: Row): BotConversation => ({
  conversationId: r.conversation_id,
  accountId: r.account_id,
  inboxId: r.inbox_id,
  language: r.language,
  browserLanguage: r.browser_language,
  greeted: r.greeted,
  turns: r.turns,
  state: { misses: r.misses, options: Array.isArray(r.options) ? r.options : [] },
  lastQuestion: r.last_question,
  handedOff: r.handed_off_at !== null,
  withBot: r.with_bot,
  assisting: r.assisting,
});

const SELECT = `
  SELECT b.*, ci.context->>'language' AS browser_language,
         (c.assignee_bot_id IS NOT NULL AND c.assignee_user_id IS NULL) AS with_bot,
         (c.queued_at IS NOT NULL) AS assisting
    FROM bot_conversations b
    JOIN conversations c ON c.id = b.conversation_id
    LEFT JOIN contact_inboxes ci ON ci.id = c.contact_inbox_id`;

export async function findBotConversation(
  db: Pool | PoolClient,
  conversationId: string,
): Promise<BotConversation | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE b.conversation_id = $1`, [conversationId]);
  return rows[0] ? present(rows[0]) : undefined;
}

/**
 * The bot takes a conversation nobody has, once: open, no agent, not queued or waiting for opening time, no
 * agent reply yet, not a message left for the team, and never taken before. Returns undefined when it may not.
 */
export async function takeConversation(
  ctx: AppContext,
  ref: { accountId: string; inboxId: string; conversationId: string },
): Promise<BotConversation | undefined> {
  const taken = await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `WITH taken AS (
         UPDATE conversations c SET assignee_bot_id = $5, updated_at = now()
          WHERE c.id = $1 AND c.account_id = $2 AND c.inbox_id = $3 AND c.status IN ('open', 'pending')
            AND c.assignee_user_id IS NULL AND c.assignee_bot_id IS NULL AND c.queued_at IS NULL
            AND c.deferred_until IS NULL AND c.first_reply_at IS NULL AND NOT ($4 = ANY(c.labels))
            AND NOT EXISTS (SELECT 1 FROM bot_conversations b WHERE b.conversation_id = c.id)
          RETURNING c.id, c.account_id, c.inbox_id)
       INSERT INTO bot_conversations (conversation_id, account_id, inbox_id)
       SELECT id, account_id, inbox_id FROM taken`,
      [ref.conversationId, ref.accountId, ref.inboxId, OFFLINE_LABEL, botIdOf(ref.inboxId)],
    );
    if (!rowCount) return false;
    const row = await getConversation(tx.client, ref.accountId, ref.conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['assignee']);
    return true;
  });
  return taken ? findBotConversation(ctx.db.pool, ref.conversationId) : undefined;
}

/** The inbox's bot was switched off while it had the conversation: it goes to routing without a word. */
export async function releaseConversation(ctx: AppContext, conv: BotConversation): Promise<void> {
  await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE bot_conversations SET handed_off_at = now(), handoff_reason = 'disabled', updated_at = now()
        WHERE conversation_id = $1 AND handed_off_at IS NULL`,
      [conv.conversationId],
    );
    if (!rowCount) return;
    await tx.client.query(
      'UPDATE conversations SET assignee_bot_id = NULL, updated_at = now() WHERE id = $1 AND assignee_user_id IS NULL',
      [conv.conversationId],
    );
    const row = await getConversation(tx.client, conv.accountId, conv.conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['assignee']);
  });
}

/** Marks the greeting sent; true only for the one caller that did it. */
export async function markGreeted(db: Pool, conversationId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE bot_conversations SET greeted = true WHERE conversation_id = $1 AND NOT greeted',
    [conversationId],
  );
  return rowCount === 1;
}

/** Stores the dialog state after a turn. */
export async function saveTurn(
  db: Pool,
  conversationId: string,
  turn: { state: DialogState; language: string; question: string | null; counted: boolean },
): Promise<void> {
  await db.query(
    `UPDATE bot_conversations SET misses = $2, options = $3, language = $4,
            last_question = COALESCE($5, last_question), turns = turns + $6, updated_at = now()
      WHERE conversation_id = $1`,
    [
      conversationId,
      turn.state.misses,
      JSON.stringify(turn.state.options),
      turn.language,
      turn.question,
      turn.counted ? 1 : 0,
    ],
  );
}
