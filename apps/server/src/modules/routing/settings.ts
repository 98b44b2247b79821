import { type BusinessHours, type RoutingSettings, zRoutingSettings } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import { widgetSettingsOf } from '../widget/settings.js';

export type InboxRouting = {
  id: string;
  accountId: string;
  name: string;
  type: string;
  routing: RoutingSettings;
  hours: BusinessHours;
  /** The account's knowledge base has enabled entries: the bot can help (overflow may offer it). */
  botReady: boolean;
};

/** The routing settings kept in `inboxes.config.routing`, with defaults for anything missing or invalid. */
export function routingSettingsOf(config: unknown): RoutingSettings {
  const raw = typeof config === 'object' && config !== null ? (config as { routing?: unknown }).routing : undefined;
  const parsed = zRoutingSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : zRoutingSettings.parse({});
}

const CACHE_MS = 2000;

/**
 * Inbox routing settings, read at most every two seconds per inbox: routing runs on every customer message and
 * every freed place, and a settings change taking two seconds to apply is fine.
 */
export class RoutingSettingsCache {
  private readonly cache = new Map<string, { at: number; value: InboxRouting | undefined }>();
  constructor(private readonly pool: Pool) {}

  async get(inboxId: string): Promise<InboxRouting | undefined> {
    const hit = this.cache.get(inboxId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const { rows } = await this.pool.query<{
      id: string;
      account_id: string;
      name: string;
      type: string;
      config: unknown;
      bot_ready: boolean;
    }>(
      `SELECT i.id, i.account_id, i.name, i.type, i.config,
              EXISTS (SELECT 1 FROM kb_entries k WHERE k.account_id = i.account_id AND k.enabled) AS bot_ready
         FROM inboxes i WHERE i.id = $1`,
      [inboxId],
    );
    const r = rows[0];
    const widget = r ? widgetSettingsOf(r.config) : undefined;
    const value =
      r && widget
        ? {
            id: r.id,
            accountId: r.account_id,
            name: r.name,
            type: r.type,
            routing: routingSettingsOf(r.config),
            hours: widget.businessHours,
            botReady: r.bot_ready,
          }
        : undefined;
    this.cache.set(inboxId, { at: Date.now(), value });
    return value;
  }
}
