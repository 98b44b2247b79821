import { type BotSettings, zBotSettings } from '@warmdesk/protocol';
import type { Pool } from 'pg';

export type InboxBot = {
  inboxId: string;
  accountId: string;
  settings: BotSettings;
  /** The bot has conversations it has not handed off (it must let go of them if switched off). */
  holding: boolean;
};

/** The bot settings kept in `inboxes.config.bot`, with defaults for anything missing or invalid. */
export function botSettingsOf(config: unknown): BotSettings {
  const raw = typeof config === 'object' && config !== null ? (config as { bot?: unknown }).bot : undefined;
  const parsed = zBotSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : zBotSettings.parse({});
}

const CACHE_MS = 2000;

/** Inbox bot settings, read at most every two seconds per inbox (the bot reads them on every customer message). */
export class BotSettingsCache {
  private readonly cache = new Map<string, { at: number; value: InboxBot | undefined }>();
  constructor(private readonly pool: Pool) {}

  /** Read again next time (the bot just took a conversation: `holding` changed). */
  forget(inboxId: string): void {
    this.cache.delete(inboxId);
  }

  async get(inboxId: string): Promise<InboxBot | undefined> {
    const hit = this.cache.get(inboxId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const { rows } = await this.pool.query<{ id: string; account_id: string; config: unknown; holding: boolean }>(
      `SELECT i.id, i.account_id, i.config,
              EXISTS (SELECT 1 FROM bot_conversations b WHERE b.inbox_id = i.id AND b.handed_off_at IS NULL) AS holding
         FROM inboxes i WHERE i.id = $1`,
      [inboxId],
    );
    const r = rows[0];
    const value = r
      ? { inboxId: r.id, accountId: r.account_id, settings: botSettingsOf(r.config), holding: r.holding }
      : undefined;
    this.cache.set(inboxId, { at: Date.now(), value });
    return value;
  }
}
