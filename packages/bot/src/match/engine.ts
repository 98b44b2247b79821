import { createTokenizer, normalizeText, type Tokenizer } from '../tokenize/index.js';
import type { BuildIndexOptions, Embedder, KbEntryInput } from '../types.js';
import { Bm25Index } from './bm25.js';
import { bucketsFor, EntryClassifier, type Example } from './classifier.js';
import { type Features, linear, type ModelSettings, type ProfileName, settingsFor } from './confidence.js';
import { DenseIndex, embedAll } from './dense.js';
import { rankingFeatures, tiedGroup } from './features.js';
import { hashedFeatures } from './hashed.js';
import { topKOf } from './top-k.js';

/** Candidates taken from the lexical signals (BM25, classifier) before fusing... */
const POOL = 20;
/** ...and from the embedding, whose near neighbours a wider pool lets the hubness correction reorder. */
const DENSE_POOL = 100;
/** Work between two yields to the event loop while building. */
const BUILD_SLICE = 500;
/** The entry classifier is trained when entries have this many variants on average... */
const CLASSIFIER_MIN_VARIANTS = 2;
/** ...and there are not more entries than this (its weights grow with the entry count). */
const CLASSIFIER_MAX_ENTRIES = 2000;
export const CLASSIFIER_EPOCHS = 6;
export const CLASSIFIER_LEARNING_RATE = 0.5;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Signals that also get a copy for Chinese queries (`bm25Zh`, ...), so that the blend can weigh them per script. */
const SCRIPT_WEIGHTED = ['bm25', 'cos', 'hub'];

/** Whether most of the query's letters are Han characters. */
function isMostlyHan(text: string): boolean {
  let han = 0;
  let letters = 0;
  for (const c of text) {
    if (/\p{Script=Han}/u.test(c)) han++;
    if (/\p{L}/u.test(c)) letters++;
  }
  return letters > 0 && han * 2 >= letters;
}

/** Canonical text of a question for exact-variant lookups: normalised, punctuation and spacing dropped. */
function exactKey(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Per-entry signals of one query over its candidate pool (entries as indexes into `Engine.ids`). */
export interface Signals {
  pool: number[];
  /**
   * Per pool entry, by signal name: `bm25` (normalised to about 0..1), `cos`, `hub`, `centroid`, `cls`, `logCls`;
   * for a mostly Chinese query also `bm25Zh`, `cosZh`, `hubZh` (the same values, weighed apart).
   */
  values: Record<string, Float32Array>;
  /** The entry whose variant equals the query exactly, or -1. */
  exactEntry: number;
  coverage: number;
}

export interface Ranking {
  /** Pool entries by fused score, best first. */
  ranked: { entry: number; fused: number }[];
  /** Confidence features of the top entry. */
  features: Features;
  /** The same with the candidates near-tied with the top one taken as one option (`features` when none is). */
  groupFeatures: Features;
}

export interface Engine {
  readonly ids: string[];
  readonly model: string;
  readonly profile: ProfileName;
  readonly settings: ModelSettings;
  signals(query: string): Promise<Signals>;
  fuse(signals: Signals, blend: Record<string, number>): Ranking;
}

export async function buildEngine(entries: KbEntryInput[], options: BuildIndexOptions = {}): Promise<Engine> {
  const active = entries.filter((e) => e.enabled !== false && e.questions.some((q) => q.trim().length > 0));
  const ids = active.map((e) => e.id);
  const tokenizer = createTokenizer({ userDictionary: options.userDictionary ?? [] });
  const texts: string[] = [];
  const variantTerms: string[][] = [];
  const variantEntry: number[] = [];
  const exact = new Map<string, number>();
  for (let e = 0; e < active.length; e++) {
    for (const question of active[e]?.questions ?? []) {
      if (question.trim().length === 0) continue;
      texts.push(question);
      variantTerms.push(tokenizer.terms(question));
      variantEntry.push(e);
      const key = exactKey(question);
      if (key.length > 0 && !exact.has(key)) exact.set(key, e);
      if (texts.length % BUILD_SLICE === 0) await yieldToEventLoop();
    }
  }
  const entryOf = Int32Array.from(variantEntry);
  const bm25 = new Bm25Index(variantTerms, entryOf, active.length);
  const vectors = options.embedder ? await embedAll(options.embedder, texts).catch(() => null) : null;
  // An embedder that fails while building leaves a BM25 index rather than none.
  const embedder = vectors ? (options.embedder ?? null) : null;
  const model = embedder ? embedder.modelVersion : 'bm25';
  const settings = settingsFor(model);
  if (!settings) throw new Error(`no calibration shipped for model ${model}`);
  const dense = embedder && vectors ? new DenseIndex(vectors, embedder.dimensions, entryOf, active.length) : null;
  const useClassifier =
    active.length >= 2 &&
    active.length <= CLASSIFIER_MAX_ENTRIES &&
    texts.length >= CLASSIFIER_MIN_VARIANTS * active.length;
  const classifier = useClassifier ? await trainClassifier(tokenizer, texts, entryOf, active.length) : null;
  // Centroids complement the classifier; hubness matters where nearest variants decide alone (FAQ-style KBs).
  if (dense && classifier) dense.computeCentroids();
  else if (dense) await dense.computeHubness(yieldToEventLoop);

  async function signals(query: string): Promise<Signals> {
    // Everything after the embedding runs synchronously: the BM25 buffers are shared by all queries.
    // A failing embedder costs this query its semantic signals (and so confidence), not an error.
    const queryVector = embedder ? ((await embedAll(embedder, [query]).catch(() => []))[0] ?? null) : null;
    const lexical = bm25.score(tokenizer.terms(query));
    const scale = lexical.selfScore > 0 ? lexical.selfScore : 1;
    const candidates = new Set<number>(topKOf(lexical.entryScores, POOL, lexical.touchedEntries, lexical.touchedCount));
    let cos: Float32Array | null = null;
    let probabilities: Float32Array | null = null;
    if (dense && queryVector) {
      cos = dense.score(queryVector);
      for (const e of topKOf(cos, DENSE_POOL)) candidates.add(e);
    }
    if (classifier) {
      const sparse = hashedFeatures(tokenizer, query, classifier.buckets);
      probabilities = classifier.predict(sparse);
      for (const e of topKOf(probabilities, POOL)) candidates.add(e);
    }
    const exactEntry = exact.get(exactKey(query)) ?? -1;
    if (exactEntry >= 0) candidates.add(exactEntry);
    const pool = [...candidates];
    const values: Record<string, Float32Array> = {
      bm25: Float32Array.from(pool, (e) => (lexical.entryScores[e] ?? 0) / scale),
    };
    if (cos && dense && queryVector) {
      const c = cos;
      values.cos = Float32Array.from(pool, (e) => c[e] ?? 0);
      if (!classifier) values.hub = Float32Array.from(pool, (e) => dense.hubOf(e));
      const centroid = dense.centroidScores(queryVector);
      if (centroid) values.centroid = Float32Array.from(pool, (e) => centroid[e] ?? 0);
    }
    if (probabilities) {
      const p = probabilities;
      values.cls = Float32Array.from(pool, (e) => p[e] ?? 0);
      values.logCls = Float32Array.from(pool, (e) => Math.log((p[e] ?? 0) + 1e-4));
    }
    if (isMostlyHan(query)) {
      for (const name of SCRIPT_WEIGHTED) {
        const v = values[name];
        if (v) values[`${name}Zh`] = v;
      }
    }
    return { pool, values, exactEntry, coverage: lexical.coverage };
  }

  return {
    ids,
    model,
    profile: classifier ? 'classifier' : 'retrieval',
    settings,
    signals,
    fuse,
  };
}

async function trainClassifier(
  tokenizer: Tokenizer,
  texts: string[],
  entryOf: Int32Array,
  classes: number,
): Promise<EntryClassifier> {
  const buckets = bucketsFor(classes);
  const examples: Example[] = [];
  for (let i = 0; i < texts.length; i++) {
    examples.push({
      sparse: hashedFeatures(tokenizer, texts[i] ?? '', buckets),
      label: entryOf[i] ?? 0,
    });
    if (i % BUILD_SLICE === BUILD_SLICE - 1) await yieldToEventLoop();
  }
  const classifier = new EntryClassifier(classes, buckets);
  await classifier.train(examples, {
    epochs: CLASSIFIER_EPOCHS,
    learningRate: CLASSIFIER_LEARNING_RATE,
    yieldEvery: yieldToEventLoop,
  });
  return classifier;
}

/** Fuses the signals with `blend` weights, ranks the pool and derives the confidence features. */
export function fuse(signals: Signals, blend: Record<string, number>): Ranking {
  const { pool, values } = signals;
  const fused = new Float64Array(pool.length);
  for (const [name, weight] of Object.entries(blend)) {
    const v = values[name];
    if (!v) continue;
    for (let i = 0; i < pool.length; i++) fused[i] = (fused[i] ?? 0) + weight * (v[i] ?? 0);
  }
  const order = [...pool.keys()].sort((a, b) => (fused[b] ?? 0) - (fused[a] ?? 0));
  const exactAt = pool.indexOf(signals.exactEntry);
  if (exactAt >= 0) {
    // A question typed exactly as one of an entry's variants goes to that entry.
    order.splice(order.indexOf(exactAt), 1);
    order.unshift(exactAt);
    fused[exactAt] = Math.max(fused[exactAt] ?? 0, (fused[order[1] ?? exactAt] ?? 0) + 1);
  }
  const ranked = order.map((i) => ({ entry: pool[i] ?? 0, fused: fused[i] ?? 0 }));
  const first = order[0];
  if (first === undefined) {
    const empty: Features = { coverage: signals.coverage };
    return { ranked, features: empty, groupFeatures: empty };
  }
  const common = { coverage: signals.coverage, exact: exactAt >= 0 ? 1 : 0 };
  const features = { ...rankingFeatures(values, fused, order, [first]), ...common };
  const group = tiedGroup(order, fused);
  const groupFeatures = group.length > 1 ? { ...rankingFeatures(values, fused, order, group), ...common } : features;
  return { ranked, features, groupFeatures };
}

/** Estimated probability that the ranking's top entry is right: from `answer` on, the bot answers. */
export function calibrated(ranking: Ranking, settings: ModelSettings, profile: ProfileName): number {
  const { bias, weights } = settings.profiles[profile].calibration;
  return 1 / (1 + Math.exp(-linear(ranking.features, weights, bias)));
}

/**
 * The same for the top entry and the candidates near-tied with it taken together: below `suggest` the bot hands
 * off, else it offers them ("did you mean"). Two equally good entries make either unsure, not the question.
 */
export function groupConfidence(ranking: Ranking, settings: ModelSettings, profile: ProfileName): number {
  const { bias, weights } = settings.profiles[profile].calibration;
  const group = 1 / (1 + Math.exp(-linear(ranking.groupFeatures, weights, bias)));
  return Math.max(group, calibrated(ranking, settings, profile));
}

export type { Embedder };
