import type { BotSettings } from '@warmdesk/protocol';
import { BOT_DEFAULTS } from '@warmdesk/protocol/constants';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The bot settings kept in an inbox's `config.bot`, with defaults for what is missing. */
export function botSettingsOf(config: Record<string, unknown>): BotSettings {
  const raw = isRecord(config.bot) ? (config.bot as Partial<BotSettings>) : {};
  return {
    ...BOT_DEFAULTS,
    ...raw,
    handoffKeywords: Array.isArray(raw.handoffKeywords) ? raw.handoffKeywords : [...BOT_DEFAULTS.handoffKeywords],
  };
}

export const BOT_LIMITS = { name: 50, greeting: 1000, keywords: 50, keyword: 30, minMisses: 1, maxMisses: 10 } as const;

/** The form's values as the settings to save: texts trimmed, keywords trimmed and each kept once. */
export function fromBotForm(v: BotSettings): BotSettings {
  return {
    enabled: Boolean(v.enabled),
    name: (v.name ?? '').trim(),
    greeting: (v.greeting ?? '').trim(),
    handoffKeywords: [...new Set((v.handoffKeywords ?? []).map((k) => k.trim()).filter(Boolean))],
    maxMisses: typeof v.maxMisses === 'number' ? v.maxMisses : BOT_DEFAULTS.maxMisses,
    handoffOnAnger: Boolean(v.handoffOnAnger),
    askHelpful: Boolean(v.askHelpful),
  };
}
