import type { Message } from '@warmdesk/protocol';
import { useInboxes } from '../../../api/queries';

/**
 * A bot turn's sender name: the message's own, else the name set in the inbox's bot settings (a bot's sender id is
 * its inbox); nothing when neither is known (the "Bot" tag beside it says enough).
 */
export function BotName({ sender }: { sender: Message['sender'] }) {
  const inboxes = useInboxes().data;
  const bot = inboxes?.find((i) => i.id === sender.id)?.config.bot;
  const configured = typeof bot === 'object' && bot !== null ? (bot as { name?: unknown }).name : null;
  const name = sender.name || (typeof configured === 'string' ? configured.trim() : '');
  return name ? <span data-testid="bot-name">{name}</span> : null;
}
