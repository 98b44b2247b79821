import type { LiveChatMessage } from '@warmdesk/protocol';

/** How many room messages a client keeps (the oldest drop off). */
export const CHAT_LOG_LIMIT = 300;

/**
 * The room's chat as a viewer or staff shows it: ordered by seq, one entry per message id (a later version of a
 * message, answered or deleted, replaces the earlier one), at most `limit` entries.
 */
export function mergeChat(
  log: readonly LiveChatMessage[],
  incoming: readonly LiveChatMessage[],
  limit = CHAT_LOG_LIMIT,
): LiveChatMessage[] {
  const byId = new Map(log.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  const merged = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

/** What a viewer sees: deleted messages are hidden. */
export const visibleToViewer = (log: readonly LiveChatMessage[]): LiveChatMessage[] => log.filter((m) => !m.deleted);

/** Whole seconds left until `until` (ms since epoch), 0 once passed or without one: the slow-mode countdown. */
export function secondsUntil(until: number | null, now: number): number {
  if (!until || until <= now) return 0;
  return Math.ceil((until - now) / 1000);
}

/** Milliseconds until a scheduled start, split for a countdown; null when there is no future start. */
export function countdown(
  scheduledAt: string | null,
  now: number,
): { d: number; h: number; m: number; s: number } | null {
  if (!scheduledAt) return null;
  const left = Date.parse(scheduledAt) - now;
  if (!(left > 0)) return null;
  const total = Math.floor(left / 1000);
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}
