import { type WidgetSettings, zBotSettings, zWidgetSettings } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { onePer } from '../../platform/batches.js';
import { callSettingsOf } from '../calls/settings.js';

const customerCalls = (config: unknown) => {
  const { voice, video } = callSettingsOf(config);
  return { voice, video };
};

export type WidgetInbox = {
  id: string;
  accountId: string;
  name: string;
  secret: string;
  settings: WidgetSettings;
  /** The inbox's knowledge-base bot answers first (`config.bot.enabled`). */
  botFirst: boolean;
  /** Which calls customers may start (`config.calls`). */
  calls: { voice: boolean; video: boolean };
};

/** Whether the inbox's bot answers first, from `inboxes.config.bot` (invalid or missing: no). */
export function botFirstOf(config: unknown): boolean {
  const raw = typeof config === 'object' && config !== null ? (config as { bot?: unknown }).bot : undefined;
  const parsed = zBotSettings.safeParse(raw ?? {});
  return parsed.success && parsed.data.enabled;
}

/** The widget settings kept in `inboxes.config.widget`, with defaults for anything missing or invalid. */
export function widgetSettingsOf(config: unknown): WidgetSettings {
  const raw = typeof config === 'object' && config !== null ? (config as { widget?: unknown }).widget : undefined;
  const parsed = zWidgetSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : zWidgetSettings.parse({});
}

const CACHE_MS = 2000;
const widgetInboxes = onePer(() => new Map<string, { at: number; inbox: WidgetInbox | undefined }>());

/**
 * The web-widget inbox with this public key, or undefined. Read at most every two seconds per key and process:
 * in a surge every new visitor's session asks for the same inbox. An inbox changed through this process is read
 * again at once (`forgetWidgetInboxes`); other processes see the change within two seconds.
 */
export async function widgetInboxByKey(pool: Pool, inboxKey: string): Promise<WidgetInbox | undefined> {
  const cache = widgetInboxes(pool);
  const hit = cache.get(inboxKey);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.inbox;
  const { rows } = await pool.query<{ id: string; account_id: string; name: string; secret: string; config: unknown }>(
    "SELECT id, account_id, name, secret, config FROM inboxes WHERE public_key = $1 AND type = 'web_widget'",
    [inboxKey],
  );
  const r = rows[0];
  const inbox = r && {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    secret: r.secret,
    settings: widgetSettingsOf(r.config),
    botFirst: botFirstOf(r.config),
    calls: customerCalls(r.config),
  };
  // Expired entries go on the next write, so unknown keys (probes, typos) cannot grow the map for long.
  for (const [key, entry] of cache) if (Date.now() - entry.at >= CACHE_MS) cache.delete(key);
  cache.set(inboxKey, { at: Date.now(), inbox });
  return inbox;
}

/** An inbox's settings or secret changed: read every widget inbox again. */
export function forgetWidgetInboxes(pool: Pool): void {
  widgetInboxes(pool).clear();
}

/** Whether a page of `origin` may use the widget of an inbox with these settings (no list: every site). */
export function originAllowed(settings: WidgetSettings, origin: string | undefined, ownOrigin: string): boolean {
  if (settings.allowedOrigins.length === 0 || origin === undefined) return true;
  return origin === ownOrigin || settings.allowedOrigins.includes(origin);
}
