import type { BotAttachment, Message, ProductCard } from '@warmdesk/protocol';

/*
 * Bot turns (issue 6): `attachments[0]` of a bot message per the protocol's zBotAttachment. Checked by hand, not
 * with the schema (zod would blow the widget's size budget): anything unexpected degrades to the plain text,
 * which the server writes readable on its own.
 */

type Image = { url: string; alt: string };
export type BotTurn =
  | { type: 'answer'; askHelpful: boolean; images: Image[]; cards: ProductCard[] }
  | { type: 'suggest'; options: string[] }
  | { type: 'handoff' };

type Loose = Record<string, unknown>;
const records = (v: unknown): Loose[] =>
  Array.isArray(v) ? v.filter((x): x is Loose => typeof x === 'object' && x !== null) : [];
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** Only http(s) URLs: never javascript: or data: from a message. */
const web = (v: unknown): string | null => (typeof v === 'string' && /^https?:\/\//i.test(v) ? v : null);

export function botTurn(message: Message): BotTurn | null {
  const a: Loose | undefined = message.attachments[0];
  if (message.sender.type !== 'bot' || a?.action !== 'bot') return null;
  const type = a.type as BotAttachment['type'];
  if (type === 'handoff') return { type };
  if (type === 'suggest')
    return {
      type,
      options: records(a.options)
        .map((o) => text(o.question))
        .filter(Boolean),
    };
  if (type !== 'answer') return null;
  return {
    type,
    askHelpful: a.askHelpful === true,
    images: records(a.images).flatMap((i) => {
      const url = web(i.url);
      return url ? [{ url, alt: text(i.alt) }] : [];
    }),
    cards: records(a.cards).flatMap((c) =>
      text(c.title) ? [{ title: text(c.title), price: text(c.price), imageUrl: web(c.imageUrl), url: web(c.url) }] : [],
    ),
  };
}

/** "Was this helpful?" answers of this page session, per message (they survive a reload in the same tab). */
const feedbackKey = (inboxKey: string) => `warmdesk:${inboxKey}:feedback`;

export function readFeedback(inboxKey: string): Record<string, boolean> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(feedbackKey(inboxKey)) ?? '{}');
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

/** Throws a DOMException when storage is blocked. */
export function storeFeedback(inboxKey: string, feedback: Record<string, boolean>): void {
  sessionStorage.setItem(feedbackKey(inboxKey), JSON.stringify(feedback));
}
