/** SQL fragments shared by everything that reads the routing queue, so its order is defined once. */

/**
 * In the live queue: open or pending, no agent on it, queued. A bot may be helping meanwhile (the overflow offer
 * "ask the bot while you wait"): the conversation keeps its place, and an agent taking it ends the bot's part.
 * Conversations a bot-first inbox's bot holds are never queued (`queued_at` is set only once it lets go).
 */
export const WAITING = (c: string) =>
  `${c}.queued_at IS NOT NULL AND ${c}.status IN ('open', 'pending') AND ${c}.assignee_user_id IS NULL`;

export const PRIORITY_RANK = (c: string) =>
  `array_position(ARRAY['urgent', 'high', 'medium', 'low', 'none'], ${c}.priority)`;

/**
 * Queue order: priority, then VIPs (when the inbox puts them first), then first come first served. Written exactly
 * as the columns of the `conversations_waiting_idx` index (migration 0010), so the queue (VIPs first) is read in index
 * order (its head without sorting the whole queue) and places are counted from the index.
 */
export const QUEUE_ORDER = (c: string, vipFirst: boolean) =>
  `${PRIORITY_RANK(c)}, ${vipFirst ? `(NOT ${c}.vip), ` : ''}${c}.queued_at, ${c}.id`;

/** The queue order as one row value: `QUEUE_KEY(a) < QUEUE_KEY(b)` when a is ahead of b (same order as above). */
export const QUEUE_KEY = (c: string, vipFirst: boolean) => `(${QUEUE_ORDER(c, vipFirst)})`;

/** A connected agent: a server process refreshed its presence row within this window. */
export const PRESENCE_FRESH = "interval '30 seconds'";
