import { hasHan } from './normalize.js';

/** The languages the bot's own texts come in. */
export type DialogLanguage = 'zh-CN' | 'en';

/**
 * The language to answer in: Chinese when the message has Chinese characters, English when it has Latin letters
 * and none, otherwise (digits, emoji) the previous turn's language or the browser's.
 */
export function customerLanguage(text: string, fallback: string | null | undefined): DialogLanguage {
  if (hasHan(text)) return 'zh-CN';
  if (/[a-z]/i.test(text)) return 'en';
  return (fallback ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : fallback ? 'en' : 'zh-CN';
}
