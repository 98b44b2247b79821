/*
 * Embedding speed: single short query latency (p50/p99) and batch throughput on 10,000 short texts; question
 * clustering time for 5,000 questions (embedding included, clustering alone, and the lexical fallback).
 * Texts come from the development data in ../shared/eval-dev (read in place, never copied).
 * `node --import tsx bench/bot-embed/run.ts [--threads 1,2] [--texts 10000]`; prints JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOnnxEmbedder } from '../../packages/bot/src/embed/onnx-embedder.js';
import { clusterQuestions, DEFAULT_MODEL_DIR, type Embedder } from '../../packages/bot/src/index.js';

const EVAL_DIR = process.env.WARMDESK_EVAL_DIR ?? join(process.cwd(), '..', 'shared', 'eval-dev');
const TIME_BUDGET_MS = 120_000;

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

function shortTexts(limit: number): string[] {
  const zh = readFileSync(join(EVAL_DIR, 'afqmc', 'train.txt'), 'utf8')
    .split('\n')
    .flatMap((line) => line.split('\t').slice(0, 2));
  const en = readFileSync(join(EVAL_DIR, 'clinc150', 'train.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '');
  const texts = [...new Set([...zh, ...en].filter((t) => t.trim().length > 0))];
  // Deterministic interleaving of Chinese and English.
  texts.sort((a, b) => hash(a) - hash(b));
  return texts.slice(0, limit);
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function measure(threads: number, texts: string[]) {
  const loadStart = performance.now();
  const embedder = await createOnnxEmbedder(DEFAULT_MODEL_DIR, { threads, cacheSize: 0 });
  const loadMs = performance.now() - loadStart;
  const queries = texts.slice(0, 400);
  const latencies: number[] = [];
  const deadline = performance.now() + TIME_BUDGET_MS / 4;
  for (const query of queries) {
    const start = performance.now();
    await embedder.embed([query]);
    latencies.push(performance.now() - start);
    if (performance.now() > deadline) break;
  }
  latencies.sort((a, b) => a - b);
  const batchStart = performance.now();
  let done = 0;
  const chunk = 500;
  for (let i = 0; i < texts.length; i += chunk) {
    await embedder.embed(texts.slice(i, i + chunk));
    done = Math.min(texts.length, i + chunk);
    if (performance.now() - batchStart > TIME_BUDGET_MS) break;
  }
  const batchSeconds = (performance.now() - batchStart) / 1000;
  return {
    threads,
    modelVersion: embedder.modelVersion,
    loadMs: round(loadMs),
    single: {
      n: latencies.length,
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
    },
    batch: { texts: done, seconds: round(batchSeconds), textsPerSecond: Math.round(done / batchSeconds) },
  };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, Math.round(performance.now() - start)];
}

async function clustering(questions: string[]) {
  const embedder = await createOnnxEmbedder(DEFAULT_MODEL_DIR, { cacheSize: 0 });
  const [clusters, withEmbeddingMs] = await timed(() => clusterQuestions(questions, { embedder }));
  const vectors = await embedder.embed(questions);
  const byText = new Map(questions.map((q, i) => [q, vectors[i] ?? new Float32Array(embedder.dimensions)]));
  const embedded: Embedder = {
    ...embedder,
    embed: async (batch) => batch.map((q) => byText.get(q) ?? new Float32Array()),
  };
  const [, clusteringOnlyMs] = await timed(() => clusterQuestions(questions, { embedder: embedded }));
  const [lexical, lexicalMs] = await timed(() => clusterQuestions(questions));
  return {
    questions: questions.length,
    embedding: {
      totalMs: withEmbeddingMs,
      clusteringOnlyMs,
      clusters: clusters.length,
      largest: clusters[0]?.members.length,
    },
    lexical: { totalMs: lexicalMs, clusters: lexical.length, largest: lexical[0]?.members.length },
  };
}

const threadCounts = argument('threads', '1,2')
  .split(',')
  .map((t) => Number.parseInt(t, 10))
  .filter((t) => t > 0);
const texts = shortTexts(Number.parseInt(argument('texts', '10000'), 10));
const averageChars = texts.reduce((sum, t) => sum + [...t].length, 0) / Math.max(1, texts.length);
const results = [];
for (const threads of threadCounts) results.push(await measure(threads, texts));
const cluster = await clustering(texts.slice(0, 5000));
console.log(
  JSON.stringify(
    { bench: 'bot-embed', texts: texts.length, averageChars: round(averageChars), results, cluster },
    null,
    2,
  ),
);
