import { normalizeText, type Tokenizer } from '../tokenize/index.js';

/** A sparse vector: sorted unique indices with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

function fnv(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashed n-gram features of a question for the entry classifier: words, word bigrams and character 2..4-grams
 * (Chinese characters and English sub-words alike), log-scaled counts, L2-normalised.
 */
export function hashedFeatures(tokenizer: Tokenizer, text: string, buckets: number): SparseVector {
  const counts = new Map<number, number>();
  const add = (key: string, seed: number) => {
    const bucket = fnv(key, seed) % buckets;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  };
  const words = tokenizer.words(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    add(word, 0x811c9dc5);
    if (i + 1 < words.length) add(`${word} ${words[i + 1]}`, 0x2f6b1a3d);
  }
  const chars = ` ${normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
  for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= chars.length; i++) add(chars.slice(i, i + n), 0x1b873593 + n);
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let i = 0; i < indices.length; i++) {
    const v = 1 + Math.log(counts.get(indices[i] ?? 0) ?? 1);
    values[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) * scale;
  return { indices, values };
}
