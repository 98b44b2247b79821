import { botTexts, customerLanguage, type DialogSettings, handoffKeywordFor, type Reply } from '@warmdesk/bot';
import { type BotAttachment, type BotSettings, zKbAnswer } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { sendMessage } from '../messages/send-message.js';
import { type BotConversation, botIdOf } from './bot-conversation.js';
import { type BotVoice, handOff } from './hand-off.js';

export const dialogSettingsOf = (s: BotSettings): DialogSettings => ({
  handoffKeywords: s.handoffKeywords,
  maxMisses: s.maxMisses,
  handoffOnAnger: s.handoffOnAnger,
});

/** The bot's name and language for a message of the customer (or, without one, the last language used). */
export function voiceOf(settings: BotSettings, conv: BotConversation, text: string): BotVoice {
  const language = customerLanguage(text, conv.language ?? conv.browserLanguage);
  return { name: settings.name || botTexts(language).defaultName, language };
}

/** A bot turn: a normal message from the inbox's bot, shown by every client like any other. */
export async function say(
  ctx: AppContext,
  conv: BotConversation,
  voice: BotVoice,
  content: string,
  attachment?: BotAttachment,
): Promise<void> {
  await sendMessage(ctx, {
    accountId: conv.accountId,
    conversationId: conv.conversationId,
    senderType: 'bot',
    senderId: botIdOf(conv.inboxId),
    senderName: voice.name,
    clientMsgId: null,
    kind: 'text',
    content,
    private: false,
    attachments: attachment ? [attachment] : [],
  });
}

async function answerWith(
  ctx: AppContext,
  conv: BotConversation,
  voice: BotVoice,
  settings: BotSettings,
  reply: Extract<Reply, { kind: 'answer' }>,
): Promise<boolean> {
  const { rows } = await ctx.db.pool.query<{ answer: unknown }>(
    `UPDATE kb_entries SET hits = hits + 1 WHERE account_id = $1 AND id = $2 AND enabled RETURNING answer`,
    [conv.accountId, reply.entryId],
  );
  const answer = zKbAnswer.safeParse(rows[0]?.answer);
  // Deleted or disabled since the index was built.
  if (!answer.success) return false;
  await say(ctx, conv, voice, answer.data.text, {
    action: 'bot',
    type: 'answer',
    entryId: reply.entryId,
    score: reply.score,
    askHelpful: settings.askHelpful && !reply.thenHandoff,
    images: answer.data.images,
    cards: answer.data.cards,
  });
  return true;
}

/** Sends what the dialog policy decided (and hands off when it said so). */
export async function sendReply(
  ctx: AppContext,
  conv: BotConversation,
  voice: BotVoice,
  settings: BotSettings,
  reply: Reply,
  opts: { justGreeted?: boolean } = {},
): Promise<void> {
  const texts = botTexts(voice.language);
  const keyword = handoffKeywordFor(voice.language, settings.handoffKeywords);
  switch (reply.kind) {
    case 'answer': {
      const sent = await answerWith(ctx, conv, voice, settings, reply);
      if (!sent) return say(ctx, conv, voice, texts.rephrase(keyword));
      if (reply.thenHandoff) await handOff(ctx, conv, 'entry', voice);
      return;
    }
    case 'suggest':
      return say(ctx, conv, voice, texts.suggest(reply.options.map((o) => o.question)), {
        action: 'bot',
        type: 'suggest',
        options: reply.options.map((o) => ({ entryId: o.entryId, question: o.question })),
      });
    case 'rephrase':
      return say(ctx, conv, voice, reply.after === 'miss' ? texts.rephrase(keyword) : texts.unhelpful(keyword));
    case 'small_talk':
      if (opts.justGreeted && reply.type === 'greeting') return;
      return say(ctx, conv, voice, texts.smallTalk(reply.type));
    case 'handoff':
      await handOff(ctx, conv, reply.reason, voice);
      return;
  }
}
