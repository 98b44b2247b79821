/*
 * Per-query latency of `KbIndex.match` on a 10,000-variant knowledge base (English: CLINC150 intents with their
 * training utterances, so the classifier profile; Chinese: AFQMC questions, one variant each), and the process's
 * memory once the index is built (the whole bench process: eval data, caches and, with the model, ONNX Runtime).
 */
import { buildIndex } from '../../packages/bot/src/match/index.js';
import type { Embedder, KbEntryInput } from '../../packages/bot/src/types.js';
import { loadAfqmc, loadClinc, sample } from './data.js';

const VARIANTS = 10_000;

export interface LatencyFigures {
  variants: number;
  entries: number;
  queries: number;
  buildSeconds: number;
  p50: number;
  p99: number;
  max: number;
  /** Process RSS and JS heap (with typed-array buffers) once the index is built, MB. */
  rssMB: number;
  heapMB: number;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/**
 * The bench's disk-cached embedder while the index is built (its build time is in the accuracy figures), the model
 * itself for queries, so that each measured query pays for its embedding.
 */
function cachedForBuild(embedder: EmbedderPair): Embedder & { querying: boolean } {
  return {
    modelVersion: embedder.cached.modelVersion,
    dimensions: embedder.cached.dimensions,
    querying: false,
    embed(texts: string[]) {
      return this.querying ? embedder.raw.embed(texts) : embedder.cached.embed(texts);
    },
  };
}

export interface EmbedderPair {
  raw: Embedder;
  cached: Embedder;
}

async function measure(
  entries: KbEntryInput[],
  warmUp: string[],
  queries: string[],
  pair: EmbedderPair | null,
): Promise<LatencyFigures> {
  const embedder = pair ? cachedForBuild(pair) : null;
  const started = performance.now();
  const index = await buildIndex(entries, { embedder });
  const buildSeconds = (performance.now() - started) / 1000;
  const memory = process.memoryUsage();
  if (embedder) embedder.querying = true;
  for (const q of warmUp) await index.match(q);
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await index.match(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    variants: entries.reduce((n, e) => n + e.questions.length, 0),
    entries: entries.length,
    queries: queries.length,
    buildSeconds: round(buildSeconds, 2),
    p50: round(percentile(times, 0.5)),
    p99: round(percentile(times, 0.99)),
    max: round(times[times.length - 1] ?? 0),
    rssMB: Math.round(memory.rss / 2 ** 20),
    heapMB: Math.round((memory.heapUsed + memory.arrayBuffers) / 2 ** 20),
  };
}

/** Queries are distinct from the warm-up ones, so none is answered from the embedder's own cache. */
export async function latencyFigures(embedder: EmbedderPair | null, queryCount: number) {
  const out: Record<string, LatencyFigures> = {};
  const clinc = loadClinc();
  if (clinc) {
    const rows = sample(
      clinc.train.filter((r) => r.label !== 'oos'),
      VARIANTS,
      (r) => r.text,
    );
    const byIntent = new Map<string, string[]>();
    for (const r of rows) byIntent.set(r.label, [...(byIntent.get(r.label) ?? []), r.text]);
    const entries = [...byIntent].map(([id, questions]) => ({ id, questions }));
    const queries = sample(clinc.val, queryCount + 50, (r) => r.text).map((r) => r.text);
    out.en = await measure(entries, queries.slice(queryCount), queries.slice(0, queryCount), embedder);
  }
  const afqmc = loadAfqmc();
  if (afqmc) {
    const questions = sample([...new Set(afqmc.map((p) => p.answer))], VARIANTS, (t) => t);
    const entries = questions.map((q, i) => ({ id: String(i), questions: [q] }));
    const queries = sample([...new Set(afqmc.map((p) => p.query))], queryCount + 50, (t) => `q:${t}`);
    out.zh = await measure(entries, queries.slice(queryCount), queries.slice(0, queryCount), embedder);
  }
  return out;
}
