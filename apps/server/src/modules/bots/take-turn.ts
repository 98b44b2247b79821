import {
  analyseSentiment,
  botTexts,
  type Decision,
  decidePick,
  decideQuestion,
  decideSmallTalk,
  type Intake,
  readCustomerMessage,
  type SentimentResult,
} from '@warmdesk/bot';
import type { Message } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { withAdvisoryLock } from '../../platform/db/advisory-lock.js';
import {
  type BotConversation,
  findBotConversation,
  markGreeted,
  releaseConversation,
  saveTurn,
  takeConversation,
} from './bot-conversation.js';
import { dialogSettingsOf, say, sendReply, voiceOf } from './bot-reply.js';
import { handOff } from './hand-off.js';
import { sharedEmbedder } from './kb-indexes.js';
import { recordUnanswered } from './record-unanswered.js';
import { type BotService, botService } from './service.js';
import type { InboxBot } from './settings.js';

const CALM: SentimentResult = { angry: false, score: 0 };

/**
 * A customer wrote. When the inbox puts its bot first and the conversation is (or may become) the bot's, the
 * bot answers and this returns true: routing leaves the conversation alone (a hand-off reaches routing as
 * `bot.handoff`). False: routing proceeds as usual. Turns of one conversation run one at a time, across processes.
 */
export async function botFirst(
  ctx: AppContext,
  input: { accountId: string; inboxId: string; message: Message },
): Promise<boolean> {
  const { message } = input;
  if (message.sender.type !== 'contact' || message.private) return false;
  const service = botService(ctx);
  const inbox = await service.settings.get(input.inboxId);
  if (!inbox || inbox.accountId !== input.accountId) return false;
  if (!inbox.settings.enabled) {
    // Not bot-first: only a conversation the bot still has (switched off since, or helping a queued customer).
    if (!inbox.holding) return false;
    const held = await findBotConversation(ctx.db.pool, message.conversationId);
    if (!held || held.handedOff) return false;
  }
  // One turn at a time per conversation: in this process first (no connection held while waiting), then across
  // processes (a customer with two tabs on two server processes).
  return service.turns.run(message.conversationId, () =>
    withAdvisoryLock(ctx.db.pool, `bot-turn:${message.conversationId}`, () => takeTurn(ctx, service, inbox, message)),
  );
}

async function takeTurn(ctx: AppContext, service: BotService, inbox: InboxBot, message: Message): Promise<boolean> {
  const found = await findBotConversation(ctx.db.pool, message.conversationId);
  if (found && (found.handedOff || !found.withBot)) return false;
  if (!inbox.settings.enabled && !found?.assisting) {
    if (found) await releaseConversation(ctx, found);
    return false;
  }
  const conv =
    found ??
    (await takeConversation(ctx, {
      accountId: inbox.accountId,
      inboxId: inbox.inboxId,
      conversationId: message.conversationId,
    }));
  if (!conv) return false;
  try {
    await converse(ctx, service, inbox, conv, message);
  } catch (err) {
    // The customer's message is stored; whatever failed (the engine, a query), people take over.
    ctx.log.warn({ err, conversationId: conv.conversationId }, 'bot: a turn failed; handing off to humans');
    await handOff(ctx, conv, 'low_confidence', voiceOf(inbox.settings, conv, message.content));
  }
  return true;
}

async function converse(
  ctx: AppContext,
  service: BotService,
  inbox: InboxBot,
  conv: BotConversation,
  message: Message,
): Promise<void> {
  const { settings } = inbox;
  const text = message.content.trim();
  const voice = voiceOf(settings, conv, text);
  const intake = readCustomerMessage(text, conv.state, dialogSettingsOf(settings));
  let justGreeted = false;
  if (!conv.greeted && intake.kind !== 'handoff' && (await markGreeted(ctx.db.pool, conv.conversationId))) {
    const greeting = settings.greeting || botTexts(voice.language).greeting(voice.name);
    await say(ctx, conv, voice, greeting, { action: 'bot', type: 'greeting' });
    justGreeted = true;
  }
  const { decision, score } = await decide(ctx, service, inbox, conv, text, intake);
  const question = intake.kind === 'question' ? text : intake.kind === 'pick' ? intake.option.question : null;
  await saveTurn(ctx.db.pool, conv.conversationId, {
    state: decision.state,
    language: voice.language,
    question,
    counted: true,
  });
  if (decision.unanswered && message.kind === 'text') {
    await recordUnanswered(ctx.db.pool, {
      accountId: conv.accountId,
      inboxId: conv.inboxId,
      conversationId: conv.conversationId,
      text,
      score,
      kind: decision.reply.kind === 'suggest' ? 'suggest' : 'miss',
    });
  }
  await sendReply(ctx, conv, voice, settings, decision.reply, { justGreeted });
}

async function decide(
  ctx: AppContext,
  service: BotService,
  inbox: InboxBot,
  conv: BotConversation,
  text: string,
  intake: Intake,
): Promise<{ decision: Decision; score: number }> {
  switch (intake.kind) {
    case 'handoff':
      return {
        decision: { reply: intake, state: { misses: conv.state.misses, options: [] }, unanswered: false },
        score: 0,
      };
    case 'pick':
      return { decision: decidePick(intake.option), score: intake.option.score };
    case 'small_talk':
      return { decision: decideSmallTalk(intake.type, conv.state), score: 0 };
    case 'question': {
      const { settings } = inbox;
      const built = await service.indexes.current(inbox.accountId);
      const [match, mood] = await Promise.all([
        built.index.match(text, { top: 3 }),
        settings.handoffOnAnger ? sentimentOf(ctx, text) : CALM,
      ]);
      const candidates = match.candidates.flatMap((c) => {
        const entry = built.entries.get(c.id);
        return entry ? [{ entryId: entry.id, question: entry.title, score: c.score, handoff: entry.handoff }] : [];
      });
      const decision = decideQuestion({
        state: conv.state,
        settings: dialogSettingsOf(settings),
        angry: mood.angry,
        match: { level: match.level, score: match.score, candidates },
        indexSize: built.index.size,
      });
      return { decision, score: match.score };
    }
  }
}

/** The anger classifier failing never stops the bot from answering. */
async function sentimentOf(ctx: AppContext, text: string): Promise<SentimentResult> {
  try {
    return await analyseSentiment(text, { embedder: await sharedEmbedder(ctx.log) });
  } catch (err) {
    ctx.log.warn({ err }, 'bot: anger classifier failed');
    return CALM;
  }
}
