import { compactMessage, normalizeMessage } from './normalize.js';

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "2", "２", "2.", "第2个", "第二个", "选3", "#1": the number the customer picked, if the message is only that. */
function pickedNumber(text: string): number | null {
  const m = /^(?:第|选|选择|#|no\.?\s*|option\s*)?\s*([1-9]|[一二两三四五六七八九])\s*(?:个|条|项|号|\.|、|\))?$/u.exec(
    normalizeMessage(text),
  );
  const token = m?.[1];
  if (!token) return null;
  return ZH_DIGITS[token] ?? Number(token);
}

/**
 * The suggestion a reply picks: its number ("1".."3", in any width or as 第一个) or its exact question text
 * (ignoring case, spacing and punctuation). Null when the reply is something else.
 */
export function pickSuggestion<T extends { question: string }>(text: string, options: readonly T[]): T | null {
  if (options.length === 0) return null;
  const n = pickedNumber(text);
  if (n !== null) return options[n - 1] ?? null;
  const key = compactMessage(text);
  if (!key) return null;
  return options.find((o) => compactMessage(o.question) === key) ?? null;
}
