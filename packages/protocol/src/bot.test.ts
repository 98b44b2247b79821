import { describe, expect, it } from 'vitest';
import { zBotSettings, zKbEntryBody } from './bot.js';
import { BOT_DEFAULTS } from './bot-defaults.js';

describe('bot settings', () => {
  it('parse to the documented defaults when none are set', () => {
    expect(zBotSettings.parse({})).toEqual(BOT_DEFAULTS);
  });

  it('refuse an entry without questions or with an empty answer', () => {
    expect(zKbEntryBody.safeParse({ questions: [], answer: { text: 'x' } }).success).toBe(false);
    expect(zKbEntryBody.safeParse({ questions: ['退货'], answer: { text: '  ' } }).success).toBe(false);
    expect(zKbEntryBody.parse({ questions: [' 怎么退货 '], answer: { text: '七天无理由' } })).toMatchObject({
      questions: ['怎么退货'],
      tags: [],
      enabled: true,
      handoff: false,
    });
  });
});
