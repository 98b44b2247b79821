import type { KbEntry, KbEntryBody } from '@warmdesk/protocol';
import type { NamePath } from '../../shared/api-errors';

/** An entry as the editor's form holds it (optional texts may be empty; the answer's parts flattened). */
export type EntryFormValues = {
  questions: string[];
  answerText: string;
  images: { url: string; alt?: string }[];
  cards: { title: string; price?: string; imageUrl?: string; url?: string }[];
  tags: string[];
  enabled: boolean;
  handoff: boolean;
};

export const LIMITS = { questions: 100, question: 500, answer: 4000, images: 6, cards: 6, tags: 20, tag: 50 } as const;

export function emptyEntry(questions: string[] = []): EntryFormValues {
  return {
    questions: questions.length > 0 ? questions : [''],
    answerText: '',
    images: [],
    cards: [],
    tags: [],
    enabled: true,
    handoff: false,
  };
}

export function toEntryForm(entry: KbEntry): EntryFormValues {
  return {
    questions: entry.questions,
    answerText: entry.answer.text,
    images: entry.answer.images.map((i) => ({ url: i.url, alt: i.alt })),
    cards: entry.answer.cards.map((c) => ({
      title: c.title,
      price: c.price,
      imageUrl: c.imageUrl ?? '',
      url: c.url ?? '',
    })),
    tags: entry.tags,
    enabled: entry.enabled,
    handoff: entry.handoff,
  };
}

const trimmed = (s: string | undefined | null) => (s ?? '').trim();
const urlOrNull = (s: string | undefined | null) => trimmed(s) || null;

/** The form as the body to save: texts trimmed, empty variants and rows dropped, duplicates kept once. */
export function fromEntryForm(v: EntryFormValues): KbEntryBody {
  const questions = [...new Set((v.questions ?? []).map(trimmed).filter(Boolean))];
  return {
    questions,
    answer: {
      text: trimmed(v.answerText),
      images: (v.images ?? [])
        .filter((i) => trimmed(i?.url))
        .map((i) => ({ url: trimmed(i.url), alt: trimmed(i.alt) })),
      cards: (v.cards ?? [])
        .filter((c) => trimmed(c?.title))
        .map((c) => ({
          title: trimmed(c.title),
          price: trimmed(c.price),
          imageUrl: urlOrNull(c.imageUrl),
          url: urlOrNull(c.url),
        })),
    },
    tags: [...new Set((v.tags ?? []).map(trimmed).filter(Boolean))],
    enabled: Boolean(v.enabled),
    handoff: Boolean(v.handoff),
  };
}

/** The server's path of an issue (after `body.` or `body.entry.`) as the form's field name. */
export function entryFieldOf(segments: NamePath): NamePath | null {
  const [first, ...rest] = segments;
  if (first === 'answer') {
    const [part, ...more] = rest;
    if (part === 'text') return ['answerText'];
    if (part === 'images' || part === 'cards') return more.length > 0 ? [part, ...more] : null;
    return null;
  }
  if (first === 'questions' && rest.length === 1) return segments;
  if (first === 'tags' || first === 'enabled' || first === 'handoff') return [first];
  return null;
}

export const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};
