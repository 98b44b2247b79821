const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** `zh-CN` or `en`: the inbox's locale, else the browser's first preferred language. */
export function pageLang(locale: 'auto' | 'zh-CN' | 'en', acceptLanguage: string | undefined): 'zh-CN' | 'en' {
  if (locale !== 'auto') return locale;
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}
