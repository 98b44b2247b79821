/**
 * An inbox's bot settings when none are set: zod-free, for browser bundles via `@warmdesk/protocol/constants`.
 * `zBotSettings` (bot.ts) parses `{}` to exactly this (tested).
 */
export const BOT_DEFAULTS = {
  enabled: false,
  name: '',
  greeting: '',
  handoffKeywords: [
    '转人工',
    '人工',
    '人工客服',
    '真人',
    '客服',
    'human',
    'agent',
    'real person',
    'operator',
  ] as string[],
  maxMisses: 2,
  handoffOnAnger: true,
  askHelpful: true,
};
