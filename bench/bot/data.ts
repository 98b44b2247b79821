/*
 * Loaders for the development sets in ../shared/eval-dev (read in place, never copied into the repository).
 * Each loader returns null when its folder is absent so the bench can skip the set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const EVAL_DIR = resolve(process.env.WARMDESK_BOT_EVAL_DIR ?? join(here, '../../../shared/eval-dev'));

export interface Labelled {
  text: string;
  label: string;
}

function read(relative: string): string | null {
  const path = join(EVAL_DIR, relative);
  return existsSync(path) ? readFileSync(path, 'utf8').replace(/^\uFEFF/, '') : null;
}

function tsvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim().length > 0)
    .map((line) => line.split('\t'));
}

/** RFC 4180 CSV (quoted fields with commas, doubled quotes); drops the header row. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f.length > 0)) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.length > 0)) rows.push(row);
  return rows.slice(1);
}

export interface ClincData {
  train: Labelled[];
  val: Labelled[];
  /** One representative question per intent. */
  kb: Labelled[];
}

export function loadClinc(): ClincData | null {
  const train = read('clinc150/train.tsv');
  const val = read('clinc150/queries_val.tsv');
  const kb = read('clinc150/kb.tsv');
  if (train === null || val === null || kb === null) return null;
  const labelled = (rows: string[][]) => rows.map(([text = '', label = '']) => ({ text, label }));
  return {
    train: labelled(tsvRows(train)),
    val: labelled(tsvRows(val)),
    kb: tsvRows(kb).map(([label = '', , text = '']) => ({ text, label })),
  };
}

export interface BankingData {
  train: Labelled[];
  /** One representative question per intent. */
  kb: Labelled[];
  /** The same without the held-out intents. */
  kbHeldout: Labelled[];
  heldoutIntents: Set<string>;
}

export function loadBanking(): BankingData | null {
  const train = read('banking77/train.csv');
  const kb = read('banking77/kb.tsv');
  const kbHeldout = read('banking77/kb_heldout.tsv');
  const heldout = read('banking77/heldout_intents.tsv');
  if (train === null || kb === null || kbHeldout === null || heldout === null) return null;
  const kbRows = (text: string) => tsvRows(text).map(([label = '', question = '']) => ({ text: question, label }));
  return {
    train: csvRows(train).map(([text = '', label = '']) => ({ text, label })),
    kb: kbRows(kb),
    kbHeldout: kbRows(kbHeldout),
    heldoutIntents: new Set(tsvRows(heldout).map(([intent = '']) => intent)),
  };
}

export interface AfqmcPair {
  query: string;
  answer: string;
  same: boolean;
}

export function loadAfqmc(): AfqmcPair[] | null {
  const text = read('afqmc/train.txt');
  if (text === null) return null;
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const [query = '', answer = '', label = ''] = line.split('\t');
      return { query, answer, same: label.trim() === '1' };
    });
}

export function loadAnger(): { text: string; angry: boolean }[] | null {
  const text = read('smp2020_ewect/eval.tsv');
  if (text === null) return null;
  return tsvRows(text).map(([t = '', , angry = '']) => ({ text: t, angry: angry.trim() === '1' }));
}

export function loadWaimai(): { text: string; negative: boolean }[] | null {
  const text = read('chn_sentiment/waimai_10k.csv');
  if (text === null) return null;
  return csvRows(text).map(([label = '', review = '']) => ({ text: review, negative: label.trim() === '0' }));
}

/** Deterministic 32-bit FNV-1a hash, for reproducible splits and samples. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A reproducible sample of at most `n` items. */
export function sample<T>(items: readonly T[], n: number, key: (item: T) => string): T[] {
  if (items.length <= n) return [...items];
  return [...items].sort((a, b) => hash(key(a)) - hash(key(b))).slice(0, n);
}
