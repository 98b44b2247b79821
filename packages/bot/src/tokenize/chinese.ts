import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/*
 * One process-wide Jieba with the default dictionary. A Jieba instance costs ~40 MB and ~200 ms to build, too much
 * per account, so an account's product words (its user dictionary) are cut out of the text first, longest match
 * first, and only the text between them goes through Jieba: the words always come out whole.
 */
let sharedJieba: Jieba | null = null;

function jieba(): Jieba {
  sharedJieba ??= Jieba.withDict(dict);
  return sharedJieba;
}

export class UserDictionary {
  private readonly words: Set<string>;
  private readonly lengths: number[];

  constructor(words: readonly string[]) {
    this.words = new Set(words.map((w) => w.normalize('NFKC').trim().toLowerCase()).filter((w) => w.length > 0));
    this.lengths = [...new Set([...this.words].map((w) => w.length))].sort((a, b) => b - a);
  }

  get size(): number {
    return this.words.size;
  }

  /** Splits `text` into pieces; user words come out as `{ word: true }`. */
  split(text: string): { text: string; word: boolean }[] {
    if (this.words.size === 0) return [{ text, word: false }];
    const pieces: { text: string; word: boolean }[] = [];
    let plainStart = 0;
    let i = 0;
    while (i < text.length) {
      let matched = 0;
      for (const length of this.lengths) {
        if (i + length <= text.length && this.words.has(text.slice(i, i + length))) {
          matched = length;
          break;
        }
      }
      if (matched === 0) {
        i += 1;
        continue;
      }
      if (plainStart < i) pieces.push({ text: text.slice(plainStart, i), word: false });
      pieces.push({ text: text.slice(i, i + matched), word: true });
      i += matched;
      plainStart = i;
    }
    if (plainStart < text.length) pieces.push({ text: text.slice(plainStart), word: false });
    return pieces;
  }
}

/** Jieba words of a run of Chinese text, user words kept whole. */
export function cutChinese(run: string, userDictionary: UserDictionary): string[] {
  const words: string[] = [];
  for (const piece of userDictionary.split(run)) {
    if (piece.word) words.push(piece.text);
    else for (const w of jieba().cut(piece.text, true)) if (w.trim().length > 0) words.push(w);
  }
  return words;
}
