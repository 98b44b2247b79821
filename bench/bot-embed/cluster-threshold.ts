/*
 * Chooses the question-clustering thresholds on development data (read in place from ../shared/eval-dev, never copied):
 * English: CLINC150 validation queries (150 intents × 20; gold cluster = intent): BCubed precision/recall/F1.
 * Chinese: 3,000 AFQMC question pairs clustered together: share of paraphrase pairs, hard negative pairs (same topic,
 * different meaning) and random pairs that land in one cluster. Per threshold, for embeddings and the lexical
 * fallback, as JSON.
 * `node --import tsx bench/bot-embed/cluster-threshold.ts`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterQuestions, type Embedder, loadEmbedder } from '../../packages/bot/src/index.js';

const EVAL_DIR = process.env.WARMDESK_EVAL_DIR ?? join(process.cwd(), '..', 'shared', 'eval-dev');
const PAIRS = 3000;

interface LabelledSet {
  name: string;
  texts: string[];
  gold: number[];
}

function clinc(): LabelledSet {
  const rows = readFileSync(join(EVAL_DIR, 'clinc150', 'queries_val.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([text, intent]) => text && intent && intent !== 'oos');
  const intents = new Map<string, number>();
  const gold = rows.map(([, intent]) => {
    const key = intent ?? '';
    if (!intents.has(key)) intents.set(key, intents.size);
    return intents.get(key) ?? 0;
  });
  return { name: 'clinc150-val (en)', texts: rows.map(([text]) => text ?? ''), gold };
}

interface PairSet {
  name: string;
  texts: string[];
  /** [i, j, same meaning] */
  pairs: [number, number, boolean][];
}

/** AFQMC pairs in one narrow domain (Alipay Huabei/Jiebei): "different" pairs are hard negatives on the same topic. */
function afqmc(): PairSet {
  const rows = readFileSync(join(EVAL_DIR, 'afqmc', 'train.txt'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((row) => row.length === 3)
    .slice(0, PAIRS);
  const texts = rows.flatMap(([a = '', b = '']) => [a, b]);
  const pairs = rows.map((row, k): [number, number, boolean] => [2 * k, 2 * k + 1, row[2] === '1']);
  return { name: 'afqmc pairs (zh)', texts, pairs };
}

/** Share of labelled pairs put in one cluster, by label, and of random unrelated pairs (different rows). */
function pairRates(clusters: number[][], set: PairSet) {
  const clusterOf = new Int32Array(set.texts.length);
  clusters.forEach((members, c) => {
    for (const i of members) clusterOf[i] = c;
  });
  const together = (i: number, j: number) => clusterOf[i] === clusterOf[j];
  const positives = set.pairs.filter(([, , same]) => same);
  const negatives = set.pairs.filter(([, , same]) => !same);
  const share = (pairs: [number, number, boolean][]) =>
    round(pairs.filter(([i, j]) => together(i, j)).length / Math.max(1, pairs.length));
  const random = set.pairs.map(([i], k): [number, number, boolean] => [
    i,
    2 * ((k * 7 + 13) % set.pairs.length) + 1,
    false,
  ]);
  return {
    paraphrasesTogether: share(positives),
    hardNegativesTogether: share(negatives),
    randomTogether: share(random),
  };
}

function bcubed(clusters: number[][], gold: number[]) {
  const goldSize = new Map<number, number>();
  for (const g of gold) goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
  let precision = 0;
  let recall = 0;
  for (const members of clusters) {
    const byGold = new Map<number, number>();
    for (const i of members) byGold.set(gold[i] ?? -1, (byGold.get(gold[i] ?? -1) ?? 0) + 1);
    for (const i of members) {
      const same = byGold.get(gold[i] ?? -1) ?? 0;
      precision += same / members.length;
      recall += same / (goldSize.get(gold[i] ?? -1) ?? 1);
    }
  }
  const p = precision / gold.length;
  const r = recall / gold.length;
  return { precision: round(p), recall: round(r), f1: round((2 * p * r) / (p + r)) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Embeds every text once; the sweep then reuses the vectors. */
async function precomputed(embedder: Embedder, texts: string[]): Promise<Embedder> {
  const unique = [...new Set(texts)];
  const vectors = await embedder.embed(unique);
  const byText = new Map(unique.map((t, i) => [t, vectors[i] ?? new Float32Array(embedder.dimensions)]));
  return {
    modelVersion: embedder.modelVersion,
    dimensions: embedder.dimensions,
    embed: async (batch) => batch.map((t) => byText.get(t) ?? new Float32Array(embedder.dimensions)),
  };
}

async function sweep(set: LabelledSet | PairSet, thresholds: number[], embedder: Embedder | null) {
  const rows = [];
  for (const threshold of thresholds) {
    const started = performance.now();
    const clusters = await clusterQuestions(set.texts, { embedder, threshold });
    const ms = Math.round(performance.now() - started);
    const groups = clusters.map((c) => c.members);
    const quality = 'gold' in set ? bcubed(groups, set.gold) : pairRates(groups, set);
    rows.push({ threshold, clusters: clusters.length, ms, ...quality });
  }
  return rows;
}

const embedder = await loadEmbedder();
if (!embedder) throw new Error('embedding model missing: run `npm run bot:model`');
const denseThresholds = [0.7, 0.725, 0.75, 0.775, 0.8, 0.825, 0.85, 0.875, 0.9];
const lexicalThresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];
const report = [];
for (const set of [clinc(), afqmc()]) {
  const embedStart = performance.now();
  const cached = await precomputed(embedder, set.texts);
  const embedMs = Math.round(performance.now() - embedStart);
  report.push({
    set: set.name,
    texts: set.texts.length,
    ...('gold' in set ? { goldClusters: new Set(set.gold).size } : { pairs: set.pairs.length }),
    embedMs,
    embedding: await sweep(set, denseThresholds, cached),
    lexical: await sweep(set, lexicalThresholds, null),
  });
}
console.log(JSON.stringify({ bench: 'bot-cluster-threshold', model: embedder.modelVersion, report }, null, 1));
