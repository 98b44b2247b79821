import { cutChinese, UserDictionary } from './chinese.js';
import { isEnglishStopword, stemEnglish } from './english.js';

export { UserDictionary } from './chinese.js';
export { stemEnglish } from './english.js';

/** A piece of text after normalisation: a run of Han characters or a Latin/digit word. */
interface Run {
  text: string;
  han: boolean;
}

const RUN = /(\p{Script=Han}+)|([\p{L}\p{N}]+(?:'[\p{L}]+)?)/gu;

/** NFKC (full-width to half-width), lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const m of normalizeText(text).matchAll(RUN)) {
    if (m[1]) out.push({ text: m[1], han: true });
    else if (m[2]) out.push({ text: m[2], han: false });
  }
  return out;
}

/** Bigram terms are prefixed so that a two-character word and the same bigram stay separate terms. */
const BIGRAM_PREFIX = '\u0002';

export interface Tokenizer {
  /** Normalised words: Jieba words for Chinese (user words whole), stemmed words for English; stopwords kept. */
  words(text: string): string[];
  /** Retrieval terms: words without stopwords; for Chinese, words of two characters or more, characters and bigrams. */
  terms(text: string): string[];
}

export function createTokenizer(options: { userDictionary?: readonly string[] } = {}): Tokenizer {
  const dictionary = new UserDictionary(options.userDictionary ?? []);

  function words(text: string): string[] {
    const out: string[] = [];
    for (const run of runs(text)) {
      if (run.han) out.push(...cutChinese(run.text, dictionary));
      else out.push(stemEnglish(run.text.replace(/'/g, '')));
    }
    return out;
  }

  function terms(text: string): string[] {
    const out: string[] = [];
    for (const run of runs(text)) {
      if (run.han) {
        for (const w of cutChinese(run.text, dictionary)) if (w.length > 1) out.push(w);
        for (const c of run.text) out.push(c);
        for (let i = 0; i + 1 < run.text.length; i++) out.push(BIGRAM_PREFIX + run.text.slice(i, i + 2));
      } else {
        const w = run.text.replace(/'/g, '');
        if (!isEnglishStopword(w)) out.push(stemEnglish(w));
      }
    }
    return out;
  }

  return { words, terms };
}
