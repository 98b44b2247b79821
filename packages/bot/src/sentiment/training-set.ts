import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseForAnger } from './features.js';

/** The project's own labelled utterances (written by the project, MIT): `packages/bot/training/anger/*.tsv`. */
export const TRAINING_DIR = fileURLToPath(new URL('../../training/anger/', import.meta.url));

export interface LabelledText {
  text: string;
  /** 1 = angry or upset, 0 = not. */
  label: 0 | 1;
  lang: 'zh' | 'en';
  /** File the row came from, for reports. */
  source: string;
}

/** Reads every `*.tsv` (text, label, lang; an optional header row) and drops duplicate texts. */
export function loadTrainingSet(dir: string = TRAINING_DIR): LabelledText[] {
  const seen = new Map<string, LabelledText>();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.tsv'))
    .sort();
  for (const file of files) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, lineIndex) => {
      if (line.trim() === '' || line.startsWith('text\t')) return;
      const [text = '', label, lang] = line.split('\t');
      if ((label !== '0' && label !== '1') || (lang !== 'zh' && lang !== 'en') || text.trim() === '') {
        throw new Error(`${file}:${lineIndex + 1}: expected text<TAB>0|1<TAB>zh|en`);
      }
      const key = normaliseForAnger(text).toLowerCase();
      const previous = seen.get(key);
      if (previous && previous.label !== Number(label)) {
        throw new Error(`${file}:${lineIndex + 1}: labelled ${label} here but ${previous.label} in ${previous.source}`);
      }
      if (!previous) seen.set(key, { text, label: label === '1' ? 1 : 0, lang, source: file });
    });
  }
  return [...seen.values()];
}

/** A stable fold of a text (0..folds-1), so held-out rows stay held out across runs and data growth. */
export function foldOf(text: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % folds;
}
