import { botTexts, type DialogLanguage, handoffSummaryText } from '@warmdesk/bot';
import type { BotAttachment, HandoffReason } from '@warmdesk/protocol';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { messageCreatedEvent } from '../messages/events.js';
import { type InsertMessageInput, insertMessage } from '../messages/insert-message.js';
import { presentMessage } from '../messages/presenter.js';
import { type BotConversation, botIdOf } from './bot-conversation.js';
import { BOT_HANDOFF, type BotHandoff } from './events.js';

/** How the bot speaks in a conversation: its name and the customer's language. */
export type BotVoice = { name: string; language: DialogLanguage };

async function insertAndPublish(tx: Tx, input: InsertMessageInput, senderName: string | null): Promise<void> {
  const inserted = await insertMessage(tx.client, input);
  tx.publishAfterCommit(
    messageCreatedEvent(input.accountId, {
      message: presentMessage(inserted.row, senderName),
      customer: inserted.customer,
      assigneeUserId: inserted.assigneeUserId,
    }),
  );
}

async function agentLanguage(tx: Tx, accountId: string): Promise<DialogLanguage> {
  const { rows } = await tx.client.query<{ locale: string }>('SELECT locale FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.locale === 'en' ? 'en' : 'zh-CN';
}

/**
 * The bot hands the conversation to humans, once, in one transaction: it tells the customer, lets go of the
 * conversation, leaves agents a private line with the reason and a summary, and records `bot.handoff`, on which
 * routing queues the conversation (or assigns it at once). Returns false when it had already handed off.
 */
export async function handOff(
  ctx: AppContext,
  conv: BotConversation,
  reason: HandoffReason,
  voice: BotVoice,
): Promise<boolean> {
  const ref = { accountId: conv.accountId, conversationId: conv.conversationId };
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ turns: number; last_question: string | null }>(
      `UPDATE bot_conversations SET handed_off_at = now(), handoff_reason = $2, options = '[]', updated_at = now()
        WHERE conversation_id = $1 AND handed_off_at IS NULL RETURNING turns, last_question`,
      [conv.conversationId, reason],
    );
    const marked = rows[0];
    if (!marked) return false;
    const attachment: BotAttachment = { action: 'bot', type: 'handoff', reason };
    await insertAndPublish(
      tx,
      {
        ...ref,
        senderType: 'bot',
        senderId: botIdOf(conv.inboxId),
        clientMsgId: null,
        kind: 'text',
        content: botTexts(voice.language).handoff(reason),
        private: false,
        attachments: [attachment],
      },
      voice.name,
    );
    await tx.client.query(
      'UPDATE conversations SET assignee_bot_id = NULL, updated_at = now() WHERE id = $1 AND assignee_bot_id IS NOT NULL',
      [conv.conversationId],
    );
    const summary = { reason, turns: marked.turns, lastQuestion: marked.last_question };
    await insertAndPublish(
      tx,
      {
        ...ref,
        senderType: 'system',
        senderId: '',
        clientMsgId: null,
        kind: 'event',
        content: handoffSummaryText(await agentLanguage(tx, conv.accountId), summary),
        private: true,
        attachments: [{ type: 'activity', action: 'bot', event: 'handoff', ...summary }],
      },
      null,
    );
    const event: BotHandoff = { conversationId: conv.conversationId, inboxId: conv.inboxId, ...summary };
    await tx.emit({ accountId: conv.accountId, type: BOT_HANDOFF, payload: event });
    const row = await getConversation(tx.client, conv.accountId, conv.conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['assignee']);
    return true;
  });
}
