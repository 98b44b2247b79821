/*
 * How message and knowledge-base answer text is shown (widget, viewer page, agent workspace): bare http(s) links and
 * the answers' markdown subset. Only http and https ever become links.
 */
/** A piece of shown text: plain, **bold**, or an http(s) link. */
export type TextPart = { text: string; href?: string; bold?: boolean };

// A link ends at whitespace, quotes, or Chinese text and punctuation (written right after a link, without a space,
// as chat text often is); trailing punctuation is not part of it.
const URL_PATTERN =
  /\bhttps?:\/\/[^\s<>"'\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*[^\s<>"'.,;:!?)\]}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g;

/** Splits text into plain parts and http(s) links. Only http and https become links: never javascript: etc. */
export function linkify(text: string): TextPart[] {
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

const MARKDOWN_PATTERN = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** The knowledge base's markdown subset (bot answers): **bold** and [label](http(s) link), then bare links. */
export function markdown(text: string): TextPart[] {
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
