/*
 * Anger detection figures. Reads the third-party sets from ../shared/eval-dev at run time (never copied into the
 * repository) and the project's own labelled set for an English/Chinese check on a held-out fold.
 *
 *   node --import tsx bench/bot/anger.ts [evalDevDir] [--embed] [--limit N]
 *
 * - smp2020_ewect/eval.tsv: Chinese Weibo posts, positive class is_angry = 1 (the target figure).
 * - chn_sentiment/waimai_10k.csv: food-delivery reviews, negative reviews counted as "upset" (secondary).
 * - heldOut: the project's set, fold 0 held out, a model retrained on the other folds (with --embed, its head too).
 * - calmEnglish: share of CLINC150 validation / Banking77 queries (calm questions) flagged angry.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEmbedder } from '../../packages/bot/src/embed/index.js';
import { binaryFigures } from '../../packages/bot/src/sentiment/logistic.js';
import {
  type AngerModel,
  type AngerThresholds,
  decodeModel,
  loadShippedModel,
  MODEL_URL,
} from '../../packages/bot/src/sentiment/model.js';
import { scoreAnger } from '../../packages/bot/src/sentiment/score.js';
import { FOLDS, TEMPLATED_SOURCE, trainAngerModel } from '../../packages/bot/src/sentiment/train.js';
import { foldOf, type LabelledText, loadTrainingSet } from '../../packages/bot/src/sentiment/training-set.js';
import type { Embedder } from '../../packages/bot/src/types.js';

export const DEFAULT_EVAL_DEV_DIR = fileURLToPath(new URL('../../../shared/eval-dev/', import.meta.url));

export interface AngerEvaluationOptions {
  /** Scores with the embedding head when given (and the shipped model has one for this embedder). */
  embedder?: Embedder | null;
  /** Use at most this many rows per set (quick runs). */
  limit?: number;
}

export interface Figures {
  rows: number;
  positives: number;
  f1: number;
  precision: number;
  recall: number;
}

export interface AngerEvaluation {
  model: { bytes: number; thresholds: AngerThresholds; embedding: string | null };
  smp2020Ewect: Figures & { flagAllF1: number; flaggedByEmotion: Record<string, string> };
  chnSentimentNegativeAsUpset: Figures;
  /** The project's own set: fold 0 held out, a model trained (threshold included) on the other folds. */
  heldOut: { zh: Figures; en: Figures };
  /** Share of calm English queries (CLINC150 validation, Banking77) flagged angry. */
  calmEnglishFlagged: { clinc150: number; banking77: number };
  msPerTextLexical: number;
}

interface Sample {
  text: string;
  label: number;
  group?: string;
}

/** Minimal CSV line parser (double-quoted fields with "" escapes). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function dataLines(path: string, limit?: number): string[] {
  const lines = readFileSync(path, 'utf8').split('\n').slice(1);
  return lines.filter((l) => l.trim() !== '').slice(0, limit);
}

function readSmp(dir: string, limit?: number): Sample[] {
  return dataLines(join(dir, 'smp2020_ewect/eval.tsv'), limit).map((line) => {
    const [text = '', emotion = '', isAngry = '0'] = line.split('\t');
    return { text, label: isAngry === '1' ? 1 : 0, group: emotion };
  });
}

function readWaimai(dir: string, limit?: number): Sample[] {
  return dataLines(join(dir, 'chn_sentiment/waimai_10k.csv'), limit).map((line) => {
    const [label = '1', text = ''] = parseCsvLine(line);
    return { text, label: label === '0' ? 1 : 0 };
  });
}

function readCalmEnglish(dir: string, limit?: number): { clinc150: string[]; banking77: string[] } {
  return {
    clinc150: dataLines(join(dir, 'clinc150/queries_val.tsv'), limit).map((l) => l.split('\t')[0] ?? ''),
    banking77: dataLines(join(dir, 'banking77/train.csv'), limit).map((l) => parseCsvLine(l)[0] ?? ''),
  };
}

/** 1 when flagged angry, per text. Embeds in batches when the model has a head for this embedder. */
async function predictAll(model: AngerModel, texts: string[], embedder?: Embedder | null): Promise<number[]> {
  const useEmbedding = Boolean(embedder && model.embedding && embedder.modelVersion === model.embedding.modelVersion);
  const flags: number[] = [];
  for (let i = 0; i < texts.length; i += 64) {
    const batch = texts.slice(i, i + 64);
    const vectors = useEmbedding && embedder ? await embedder.embed(batch) : [];
    batch.forEach((text, k) => {
      flags.push(scoreAnger(model, text, vectors[k] ?? null).angry ? 1 : 0);
    });
  }
  return flags;
}

function round(value: number): number {
  return Number(value.toFixed(3));
}

function figures(flags: number[], labels: number[]): Figures {
  const f = binaryFigures(flags, labels, 0.5);
  return {
    rows: labels.length,
    positives: labels.filter((l) => l === 1).length,
    f1: round(f.f1),
    precision: round(f.precision),
    recall: round(f.recall),
  };
}

/** Trains a model (threshold and embedding head included) without fold 0 of the project's set; scores fold 0. */
async function heldOutFigures(embedder: Embedder | null): Promise<{ zh: Figures; en: Figures }> {
  const rows = loadTrainingSet();
  const held = (r: LabelledText) => foldOf(r.text, FOLDS) === 0;
  const trained = await trainAngerModel(
    rows.filter((r) => !held(r)),
    embedder,
  );
  const model = decodeModel(trained.file);
  const forLang = async (lang: 'zh' | 'en'): Promise<Figures> => {
    const test = rows.filter((r) => held(r) && r.lang === lang && r.source !== TEMPLATED_SOURCE);
    const flags = await predictAll(
      model,
      test.map((r) => r.text),
      embedder,
    );
    return figures(
      flags,
      test.map((r) => r.label),
    );
  };
  return { zh: await forLang('zh'), en: await forLang('en') };
}

export async function evaluateAnger(
  evalDevDir: string = DEFAULT_EVAL_DEV_DIR,
  options: AngerEvaluationOptions = {},
): Promise<AngerEvaluation> {
  const { embedder = null, limit } = options;
  const model = loadShippedModel();
  const head = embedder && model.embedding?.modelVersion === embedder.modelVersion ? model.embedding : null;

  const smp = readSmp(evalDevDir, limit);
  const smpFlags = await predictAll(
    model,
    smp.map((s) => s.text),
    embedder,
  );
  const smpLabels = smp.map((s) => s.label);
  const flaggedByEmotion: Record<string, string> = {};
  for (const emotion of new Set(smp.map((s) => s.group ?? ''))) {
    const idx = smp.flatMap((s, i) => (s.group === emotion ? [i] : []));
    flaggedByEmotion[emotion] = `${idx.filter((i) => smpFlags[i] === 1).length}/${idx.length}`;
  }
  const positives = smpLabels.filter((l) => l === 1).length;

  const waimai = readWaimai(evalDevDir, limit);
  const waimaiFlags = await predictAll(
    model,
    waimai.map((s) => s.text),
    embedder,
  );

  const calm = readCalmEnglish(evalDevDir, limit);
  const flaggedShare = async (texts: string[]) => {
    const flags = await predictAll(model, texts, embedder);
    return round(flags.filter((f) => f === 1).length / Math.max(1, texts.length));
  };

  const timed = smp.slice(0, 500).map((s) => s.text);
  for (const text of timed.slice(0, 50)) scoreAnger(model, text);
  const started = performance.now();
  for (const text of timed) scoreAnger(model, text);
  const msPerTextLexical = (performance.now() - started) / Math.max(1, timed.length);

  return {
    model: {
      bytes: statSync(MODEL_URL).size,
      thresholds: head ? head.thresholds : model.thresholds,
      embedding: head ? head.modelVersion : null,
    },
    smp2020Ewect: {
      ...figures(smpFlags, smpLabels),
      flagAllF1: round((2 * positives) / (positives + smpLabels.length)),
      flaggedByEmotion,
    },
    chnSentimentNegativeAsUpset: figures(
      waimaiFlags,
      waimai.map((s) => s.label),
    ),
    heldOut: await heldOutFigures(head ? embedder : null),
    calmEnglishFlagged: { clinc150: await flaggedShare(calm.clinc150), banking77: await flaggedShare(calm.banking77) },
    msPerTextLexical: round(msPerTextLexical),
  };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : DEFAULT_EVAL_DEV_DIR;
  const limit = argValue('--limit');
  const embedder = process.argv.includes('--embed') ? await loadEmbedder() : null;
  const result = await evaluateAnger(dir, { embedder, limit: limit ? Number(limit) : undefined });
  console.log(JSON.stringify(result, null, 2));
}
