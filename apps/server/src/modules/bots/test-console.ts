import { analyseSentiment, detectHandoffRequest } from '@warmdesk/bot';
import { BOT_DEFAULTS, type KbTestResult } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { sharedEmbedder } from './kb-indexes.js';
import { botService } from './service.js';

/** What the bot would do with a customer's message (the admin's test console); nothing is recorded. */
export async function testMessage(ctx: AppContext, accountId: string, text: string): Promise<KbTestResult> {
  const built = await botService(ctx).indexes.current(accountId);
  const embedder = await sharedEmbedder(ctx.log);
  const [match, mood] = await Promise.all([
    built.index.match(text, { top: 5 }),
    analyseSentiment(text, { embedder }).catch((err: unknown) => {
      ctx.log.warn({ err }, 'bot: anger classifier failed');
      return { angry: false, score: 0 };
    }),
  ]);
  return {
    level: match.level,
    score: match.score,
    candidates: match.candidates.flatMap((c) => {
      const entry = built.entries.get(c.id);
      return entry ? [{ entryId: entry.id, question: entry.title, score: c.score }] : [];
    }),
    handoffRequested: detectHandoffRequest(text, BOT_DEFAULTS.handoffKeywords),
    angry: mood.angry,
    angerScore: mood.score,
    model: built.index.model,
  };
}
