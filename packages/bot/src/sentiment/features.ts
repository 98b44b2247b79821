import {
  EN_ANGER_PHRASES,
  EN_FEAR,
  EN_JOY,
  EN_PROFANITY,
  EN_SAD,
  ZH_ANGER_PHRASES,
  ZH_FEAR,
  ZH_JOY,
  ZH_PROFANITY,
  ZH_SAD,
} from './lexicon.js';

/*
 * Text -> sparse feature vector for the anger model. Hashed n-grams (character 1-3-grams over the whole text, English
 * word uni/bigrams) plus a few dense features (punctuation runs, capitals, word-list hits). The same code runs when
 * training and when scoring, so a change here needs a retrain (`FEATURE_VERSION`).
 */

export const FEATURE_VERSION = 2;
export const HASH_BITS = 18;
const HASH_SIZE = 1 << HASH_BITS;
/** Longer texts are cut: anger shows early enough, and scoring stays well under a millisecond. */
export const MAX_CHARS = 400;

/** Dense features, stored after the hashed ones. */
export const DENSE_FEATURES = [
  'bias',
  'exclamations',
  'exclamationRun',
  'questionRun',
  'mixedRun',
  'capsRatio',
  'capsWords',
  'zhProfanity',
  'zhAngerPhrase',
  'enProfanity',
  'enAngerPhrase',
  'sad',
  'fear',
  'joy',
  'repeatedChar',
  'short',
  'long',
] as const;
export const DENSE_OFFSET = HASH_SIZE;
export const FEATURE_COUNT = HASH_SIZE + DENSE_FEATURES.length;

export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

const HAN = /\p{Script=Han}/u;
const LETTER = /[a-z]/;
const DIGIT = /[0-9]/;
const WORD = /[a-z][a-z'*-]*[a-z*]|[a-z]/g;

/** NFKC (full-width to ASCII), lower case, whitespace collapsed, cut to `MAX_CHARS`. */
export function normaliseForAnger(text: string): string {
  return text.normalize('NFKC').slice(0, MAX_CHARS).replace(/\s+/g, ' ').trim();
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (HASH_SIZE - 1);
}

/** One symbol per character; Latin words and numbers collapse so character n-grams stay about Chinese text. */
function symbols(lower: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (const ch of lower) {
    if (LETTER.test(ch)) {
      if (out[i - 1] !== 'a') out[i++] = 'a';
    } else if (DIGIT.test(ch)) {
      if (out[i - 1] !== '0') out[i++] = '0';
    } else if (ch === ' ') {
      if (i > 0 && out[i - 1] !== ' ') out[i++] = ' ';
    } else {
      out[i++] = ch;
    }
  }
  return out;
}

function countSubstrings(text: string, list: readonly string[], words: ReadonlySet<string>): number {
  let hits = 0;
  for (const entry of list) {
    if (/^[a-z0-9*' -]+$/.test(entry)) {
      if (entry.includes(' ') ? text.includes(entry) : words.has(entry)) hits++;
    } else if (text.includes(entry)) {
      hits++;
    }
  }
  return hits;
}

function longestRun(text: string, chars: string): number {
  let best = 0;
  let run = 0;
  for (const ch of text) {
    run = chars.includes(ch) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function capsFeatures(original: string): { ratio: number; words: number } {
  const letters = original.match(/[A-Za-z]/g) ?? [];
  const upper = letters.filter((ch) => ch >= 'A' && ch <= 'Z').length;
  const capsWords = (original.match(/\b[A-Z]{3,}\b/g) ?? []).length;
  return { ratio: letters.length >= 8 ? upper / letters.length : 0, words: Math.min(capsWords, 5) / 5 };
}

function hasRepeatedChar(text: string): boolean {
  return /(.)\1\1/u.test(text.replace(/[.。…~～\- ]/g, ''));
}

/** Feature vector of a text; empty text gives just the bias. */
export function extractFeatures(text: string): SparseVector {
  const original = normaliseForAnger(text);
  const lower = original.toLowerCase();
  const weights = new Map<number, number>();
  const add = (key: string, value = 1): void => {
    const index = hash(key);
    weights.set(index, (weights.get(index) ?? 0) + value);
  };

  const syms = symbols(lower);
  let hanCount = 0;
  for (let i = 0; i < syms.length; i++) {
    const a = syms[i] ?? '';
    if (HAN.test(a)) hanCount++;
    if (a !== ' ' && a !== 'a') add(`c1:${a}`);
    const b = syms[i + 1];
    if (b !== undefined) add(`c2:${a}${b}`);
    const c = syms[i + 2];
    if (b !== undefined && c !== undefined) add(`c3:${a}${b}${c}`);
  }

  const words = lower.match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    add(`w1:${words[i]}`);
    if (i + 1 < words.length) add(`w2:${words[i]} ${words[i + 1]}`);
  }

  const indices: number[] = [];
  const values: number[] = [];
  // Scale hashed counts so long and short texts carry comparable evidence.
  const norm = 1 / Math.sqrt(Math.max(1, weights.size));
  for (const [index, value] of weights) {
    indices.push(index);
    values.push(Math.min(value, 3) * norm);
  }

  const wordSet = new Set(words);
  const hit = (zh: readonly string[], en: readonly string[]): number =>
    Math.min(countSubstrings(lower, zh, wordSet) + countSubstrings(lower, en, wordSet), 3) / 3;
  const caps = capsFeatures(original);
  const exclamations = (lower.match(/!/g) ?? []).length;
  const dense: Record<(typeof DENSE_FEATURES)[number], number> = {
    bias: 1,
    exclamations: Math.min(exclamations, 6) / 6,
    exclamationRun: longestRun(lower, '!') >= 2 ? 1 : 0,
    questionRun: longestRun(lower, '?') >= 2 ? 1 : 0,
    mixedRun: /[!?]*(\?!|!\?)[!?]*/.test(lower) ? 1 : 0,
    capsRatio: caps.ratio,
    capsWords: caps.words,
    zhProfanity: Math.min(countSubstrings(lower, ZH_PROFANITY, wordSet), 3) / 3,
    zhAngerPhrase: Math.min(countSubstrings(lower, ZH_ANGER_PHRASES, wordSet), 3) / 3,
    enProfanity: Math.min(countSubstrings(lower, EN_PROFANITY, wordSet), 3) / 3,
    enAngerPhrase: Math.min(countSubstrings(lower, EN_ANGER_PHRASES, wordSet), 3) / 3,
    sad: hit(ZH_SAD, EN_SAD),
    fear: hit(ZH_FEAR, EN_FEAR),
    joy: hit(ZH_JOY, EN_JOY),
    repeatedChar: hasRepeatedChar(lower) ? 1 : 0,
    short: syms.length <= 6 ? 1 : 0,
    long: hanCount >= 60 || words.length >= 40 ? 1 : 0,
  };
  DENSE_FEATURES.forEach((name, offset) => {
    const value = dense[name];
    if (value !== 0) {
      indices.push(DENSE_OFFSET + offset);
      values.push(value);
    }
  });
  return { indices: Uint32Array.from(indices), values: Float32Array.from(values) };
}

/** `zh` when the text has more Han characters than Latin letters. */
export function detectLanguage(text: string): 'zh' | 'en' {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han * 3 >= latin && han > 0 ? 'zh' : 'en';
}
