export type AnswerImage = { url: string; alt: string };

/** A piece of a knowledge-base answer: plain text, **bold**, or an http(s) link. */
export type TextPart = { text: string; href?: string; bold?: boolean };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}。，；：！？）]/g;
const MARKDOWN_PATTERN = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** Plain parts and bare http(s) links; no other scheme (javascript:, data:) ever becomes a link. */
function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The knowledge base's markdown subset (as the widget shows it): **bold**, [label](http(s) link), bare links. */
export function markdownParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKDOWN_PATTERN)) {
    const start = match.index ?? 0;
    parts.push(...linkify(text.slice(last, start)));
    const [, bold, label, href] = match;
    parts.push(href ? { text: label ?? href, href } : { text: bold ?? '', bold: true });
    last = start + match[0].length;
  }
  parts.push(...linkify(text.slice(last)));
  return parts;
}

/** Only http(s) URLs from a message or an entry: never javascript: or data:. */
export const webUrl = (v: unknown): string | null => (typeof v === 'string' && /^https?:\/\//i.test(v) ? v : null);
