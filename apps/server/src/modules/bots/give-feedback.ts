import { decideUnhelpful } from '@warmdesk/bot';
import { zBotAttachment } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findBotConversation, saveTurn } from './bot-conversation.js';
import { dialogSettingsOf, sendReply, voiceOf } from './bot-reply.js';
import { recordUnanswered } from './record-unanswered.js';
import { botService } from './service.js';

type AnswerMessage = { conversationId: string; inboxId: string; seq: number; entryId: string };

async function findAnswer(ctx: AppContext, c: CustomerPrincipal, messageId: string): Promise<AnswerMessage> {
  const { rows } = await ctx.db.pool.query<{
    conversation_id: string;
    inbox_id: string;
    seq: number;
    sender_type: string;
    attachments: unknown[];
  }>(
    `SELECT m.conversation_id, c.inbox_id, m.seq, m.sender_type, m.attachments
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE m.id = $1 AND m.account_id = $2 AND c.account_id = $2 AND c.contact_id = $3 AND c.inbox_id = $4
        AND NOT m.private`,
    [messageId, c.accountId, c.contactId, c.inboxId],
  );
  const m = rows[0];
  if (!m) throw new AppError('not_found', 'message not found');
  const attachment = zBotAttachment.safeParse(m.attachments[0]);
  if (m.sender_type !== 'bot' || !attachment.success || attachment.data.type !== 'answer') {
    throw new AppError('bad_request', 'only the bot’s answers take feedback');
  }
  return { conversationId: m.conversation_id, inboxId: m.inbox_id, seq: m.seq, entryId: attachment.data.entryId };
}

/**
 * "Was this helpful?" under a bot answer, once per message: counted on the entry. "Not helpful" is a miss in
 * the conversation (the bot asks again, or hands off after too many) and puts the question on the unanswered list.
 */
export async function giveFeedback(
  ctx: AppContext,
  c: CustomerPrincipal,
  body: { messageId: string; helpful: boolean },
): Promise<void> {
  const answer = await findAnswer(ctx, c, body.messageId);
  await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `INSERT INTO bot_feedback (message_id, account_id, conversation_id, entry_id, helpful)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING`,
      [body.messageId, c.accountId, answer.conversationId, answer.entryId, body.helpful],
    );
    if (!rowCount) throw new AppError('conflict', 'feedback on this answer was already given');
    await tx.client.query(
      `UPDATE kb_entries SET ${body.helpful ? 'helpful = helpful + 1' : 'unhelpful = unhelpful + 1'}
        WHERE account_id = $1 AND id = $2`,
      [c.accountId, answer.entryId],
    );
  });
  if (body.helpful) return;
  await botService(ctx).turns.run(answer.conversationId, () => afterUnhelpful(ctx, c.accountId, answer));
}

async function afterUnhelpful(ctx: AppContext, accountId: string, answer: AnswerMessage): Promise<void> {
  const { rows } = await ctx.db.pool.query<{ content: string }>(
    `SELECT content FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' AND kind = 'text'
        AND seq < $2 ORDER BY seq DESC LIMIT 1`,
    [answer.conversationId, answer.seq],
  );
  const question = rows[0]?.content ?? '';
  await recordUnanswered(ctx.db.pool, {
    accountId,
    inboxId: answer.inboxId,
    conversationId: answer.conversationId,
    text: question,
    score: 0,
    kind: 'unhelpful',
  });
  const conv = await findBotConversation(ctx.db.pool, answer.conversationId);
  const inbox = await botService(ctx).settings.get(answer.inboxId);
  if (!conv || conv.handedOff || !conv.withBot || !inbox?.settings.enabled) return;
  const decision = decideUnhelpful(conv.state, dialogSettingsOf(inbox.settings));
  const voice = voiceOf(inbox.settings, conv, '');
  await saveTurn(ctx.db.pool, conv.conversationId, {
    state: decision.state,
    language: voice.language,
    question: null,
    counted: false,
  });
  await sendReply(ctx, conv, voice, inbox.settings, decision.reply);
}
