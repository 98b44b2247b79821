export type AnswerImage = { url: string; alt: string };

/** Only http(s) URLs from a message or an entry: never javascript: or data:. */
export const webUrl = (v: unknown): string | null => (typeof v === 'string' && /^https?:\/\//i.test(v) ? v : null);
