/** Text compared by the dialog rules: NFKC (full-width digits and letters become ASCII), lower case, trimmed. */
export function normalizeMessage(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Letters and digits only: punctuation, symbols and spacing dropped (for whole-message comparisons). */
export function compactMessage(text: string): string {
  return normalizeMessage(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

export const hasHan = (text: string) => /\p{Script=Han}/u.test(text);
