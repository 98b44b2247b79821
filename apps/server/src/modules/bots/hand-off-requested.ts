import type { AppContext } from '../../platform/context.js';
import { withAdvisoryLock } from '../../platform/db/advisory-lock.js';
import { findBotConversation } from './bot-conversation.js';
import { voiceOf } from './bot-reply.js';
import { handOff } from './hand-off.js';
import { botService } from './service.js';
import { botSettingsOf } from './settings.js';

/**
 * The customer asked for a person outside the dialog (they started a call): if the bot holds the conversation it
 * hands off with reason `requested`, between the conversation's turns. False when the bot does not hold it.
 */
export async function handOffRequested(ctx: AppContext, conversationId: string): Promise<boolean> {
  const service = botService(ctx);
  // The same lock as the bot's turns (take-turn.ts): never in the middle of a turn on any process.
  return service.turns.run(conversationId, () =>
    withAdvisoryLock(ctx.db.pool, `bot-turn:${conversationId}`, async () => {
      const conv = await findBotConversation(ctx.db.pool, conversationId);
      if (!conv || conv.handedOff || !conv.withBot) return false;
      const inbox = await service.settings.get(conv.inboxId);
      return handOff(ctx, conv, 'requested', voiceOf(inbox?.settings ?? botSettingsOf({}), conv, ''));
    }),
  );
}
