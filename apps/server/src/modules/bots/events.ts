import type { HandoffReason } from '@warmdesk/protocol';
import type { EventBus } from '../../platform/events.js';

/** The bot handed a conversation to humans (an `events` row, and routing queues it on this signal). */
export const BOT_HANDOFF = 'bot.handoff';

export type BotHandoff = {
  conversationId: string;
  inboxId: string;
  reason: HandoffReason;
  turns: number;
  lastQuestion: string | null;
};

export function onBotHandoff(bus: EventBus, fn: (accountId: string, e: BotHandoff) => void): () => void {
  return bus.on(BOT_HANDOFF, (event) => fn(event.accountId, event.payload as BotHandoff));
}
