import type { HandoffReason, Message, ProductCard } from '@warmdesk/protocol';
import { type AnswerImage, webUrl } from './richText';

/*
 * A bot message's `attachments[0]` (protocol zBotAttachment), checked by hand rather than with the schema (no zod
 * in the app's bundle): anything unexpected degrades to the message's text, which the server writes readable alone.
 */
export type BotTurn =
  | { type: 'answer'; entryId: string | null; score: number | null; images: AnswerImage[]; cards: ProductCard[] }
  | { type: 'suggest'; options: { entryId: string | null; question: string }[] }
  | { type: 'handoff'; reason: HandoffReason | null }
  | { type: 'greeting' };

const REASONS: readonly string[] = ['requested', 'low_confidence', 'misses', 'angry', 'entry'];

type Loose = Record<string, unknown>;
const records = (v: unknown): Loose[] =>
  Array.isArray(v) ? v.filter((x): x is Loose => typeof x === 'object' && x !== null) : [];
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const idOf = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export function botTurnOf(message: Message): BotTurn | null {
  const a: Loose | undefined = message.attachments[0];
  if (a?.action !== 'bot') return null;
  switch (a.type) {
    case 'greeting':
      return { type: 'greeting' };
    case 'handoff':
      return { type: 'handoff', reason: REASONS.includes(String(a.reason)) ? (a.reason as HandoffReason) : null };
    case 'suggest':
      return {
        type: 'suggest',
        options: records(a.options)
          .map((o) => ({ entryId: idOf(o.entryId), question: text(o.question) }))
          .filter((o) => o.question),
      };
    case 'answer':
      return {
        type: 'answer',
        entryId: idOf(a.entryId),
        score: typeof a.score === 'number' ? a.score : null,
        images: records(a.images).flatMap((i) => {
          const url = webUrl(i.url);
          return url ? [{ url, alt: text(i.alt) }] : [];
        }),
        cards: records(a.cards).flatMap((c) =>
          text(c.title)
            ? [{ title: text(c.title), price: text(c.price), imageUrl: webUrl(c.imageUrl), url: webUrl(c.url) }]
            : [],
        ),
      };
    default:
      return null;
  }
}

/** The conversation's latest bot hand-off and where the bot's part of the conversation starts. */
export function botHandoffOf(
  messages: Message[],
): { reason: HandoffReason | null; seq: number; startSeq: number } | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.sender.type !== 'bot') continue;
    const turn = botTurnOf(m);
    if (turn?.type !== 'handoff') continue;
    // the transcript: back from the hand-off to the first bot turn before any earlier hand-off
    let startSeq = m.seq;
    for (let j = i - 1; j >= 0; j--) {
      const earlier = messages[j];
      if (!earlier) break;
      if (earlier.sender.type === 'bot') {
        if (botTurnOf(earlier)?.type === 'handoff') break;
        startSeq = earlier.seq;
      }
    }
    // and the customer's messages the bot's first turn answered (they may have written several before it spoke)
    for (let j = messages.findIndex((x) => x.seq === startSeq) - 1; j >= 0; j--) {
      const earlier = messages[j];
      if (earlier?.sender.type !== 'contact') break;
      startSeq = earlier.seq;
    }
    return { reason: turn.reason, seq: m.seq, startSeq };
  }
  return null;
}
