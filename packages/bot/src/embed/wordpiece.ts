/*
 * BERT tokenizer (BasicTokenizer + WordPiece), as Hugging Face's BertTokenizer does it: clean control characters,
 * put spaces around CJK ideographs, split on whitespace and punctuation, optionally lower-case and strip accents,
 * then greedy longest-match-first WordPiece with `##` continuations.
 */

export interface WordPieceOptions {
  lowercase: boolean;
  /** Strip combining marks after NFD. Hugging Face's default: same as `lowercase`. */
  stripAccents: boolean;
  /** Longest word (in characters) WordPiece tries before giving up with [UNK]. */
  maxCharsPerWord: number;
}

export interface Encoding {
  /** [CLS] tokens [SEP], truncated to the maximum length. */
  ids: number[];
  /** True when tokens were dropped to fit. */
  truncated: boolean;
}

const CONTINUATION = '##';
const COMBINING_MARK = /\p{Mn}/u;
const PUNCTUATION = /\p{P}/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const WHITESPACE = /\s/u;

/** The CJK Unified Ideographs blocks BERT treats as one token per character (not Hangul, kana). */
function isCjkIdeograph(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** BERT counts every non-alphanumeric ASCII symbol (e.g. `$`, `^`, `` ` ``) as punctuation, plus Unicode P*. */
function isPunctuation(char: string, cp: number): boolean {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  return PUNCTUATION.test(char);
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || WHITESPACE.test(char);
}

export class WordPieceTokenizer {
  readonly clsId: number;
  readonly sepId: number;
  readonly padId: number;
  readonly unkId: number;
  private readonly vocab: ReadonlyMap<string, number>;
  private readonly options: WordPieceOptions;

  constructor(vocab: ReadonlyMap<string, number>, options: WordPieceOptions) {
    this.vocab = vocab;
    this.options = options;
    this.clsId = requireToken(vocab, '[CLS]');
    this.sepId = requireToken(vocab, '[SEP]');
    this.padId = requireToken(vocab, '[PAD]');
    this.unkId = requireToken(vocab, '[UNK]');
  }

  /** Basic tokens (words, single CJK characters, punctuation marks) before WordPiece. */
  basicTokens(text: string): string[] {
    const words: string[] = [];
    let current = '';
    const flush = () => {
      if (current.length > 0) words.push(current);
      current = '';
    };
    const prepared = this.options.lowercase ? text.toLowerCase() : text;
    for (const raw of prepared) {
      const cp = raw.codePointAt(0) ?? 0;
      if (cp === 0 || cp === 0xfffd) continue;
      if (isWhitespace(raw)) {
        flush();
        continue;
      }
      if (CONTROL.test(raw)) continue;
      if (isCjkIdeograph(cp) || isPunctuation(raw, cp)) {
        flush();
        words.push(raw);
        continue;
      }
      current += raw;
    }
    flush();
    if (!this.options.stripAccents) return words;
    const out: string[] = [];
    for (const word of words) {
      let stripped = '';
      for (const char of word.normalize('NFD')) if (!COMBINING_MARK.test(char)) stripped += char;
      // Stripping can leave nothing (a lone combining mark) or expose punctuation (rare): re-split on it.
      for (const piece of splitOnPunctuation(stripped)) out.push(piece);
    }
    return out;
  }

  /** WordPiece ids of one basic token: longest vocabulary prefix first, then `##` pieces; [UNK] if any part fails. */
  private wordPieceIds(word: string, out: number[]): void {
    const whole = this.vocab.get(word);
    if (whole !== undefined) {
      out.push(whole);
      return;
    }
    const chars = Array.from(word);
    if (chars.length > this.options.maxCharsPerWord) {
      out.push(this.unkId);
      return;
    }
    const pieces: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: number | undefined;
      while (start < end) {
        const piece = (start > 0 ? CONTINUATION : '') + chars.slice(start, end).join('');
        found = this.vocab.get(piece);
        if (found !== undefined) break;
        end--;
      }
      if (found === undefined) {
        out.push(this.unkId);
        return;
      }
      pieces.push(found);
      start = end;
    }
    for (const id of pieces) out.push(id);
  }

  /** Token ids without [CLS]/[SEP]. */
  tokenIds(text: string): number[] {
    const ids: number[] = [];
    for (const word of this.basicTokens(text)) this.wordPieceIds(word, ids);
    return ids;
  }

  /** `[CLS] ... [SEP]`, keeping the first `maxLength - 2` tokens. */
  encode(text: string, maxLength: number): Encoding {
    const body = this.tokenIds(text);
    const room = Math.max(0, maxLength - 2);
    const truncated = body.length > room;
    const kept = truncated ? body.slice(0, room) : body;
    return { ids: [this.clsId, ...kept, this.sepId], truncated };
  }
}

/** vocab.txt: one token per line, the id is the line number (0-based). */
export function parseVocab(text: string): Map<string, number> {
  const vocab = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const token = (lines[i] ?? '').replace(/\r$/, '');
    if (token.length > 0 && !vocab.has(token)) vocab.set(token, i);
  }
  return vocab;
}

/** Whether the vocabulary has upper-case letters (a cased model); an uncased vocabulary needs lower-casing. */
export function vocabIsCased(vocab: ReadonlyMap<string, number>): boolean {
  for (let cp = 0x41; cp <= 0x5a; cp++) if (vocab.has(String.fromCharCode(cp))) return true;
  return false;
}

function splitOnPunctuation(word: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const char of word) {
    if (isPunctuation(char, char.codePointAt(0) ?? 0)) {
      if (current.length > 0) out.push(current);
      out.push(char);
      current = '';
    } else {
      current += char;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function requireToken(vocab: ReadonlyMap<string, number>, token: string): number {
  const id = vocab.get(token);
  if (id === undefined) throw new Error(`vocabulary has no ${token} token`);
  return id;
}
