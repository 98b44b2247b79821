import { readFileSync } from 'node:fs';
import { FEATURE_COUNT, FEATURE_VERSION, HASH_BITS } from './features.js';

/*
 * The shipped anger model (`anger-model.gen.json`, written by `packages/bot/scripts/train-anger.ts`): the non-zero
 * weights of the lexical logistic regression (int16, base64) and, when it was trained with the embedder, a second
 * logistic regression over [lexical logit, embedding] used when the same embedding model is available at run time.
 */

export const MODEL_URL = new URL('./anger-model.gen.json', import.meta.url);

/** Decision thresholds on the score, per language (chosen by cross-validation on the project's set). */
export interface AngerThresholds {
  zh: number;
  en: number;
}

export interface EmbeddingHeadFile {
  modelVersion: string;
  dimensions: number;
  /** Float32 base64: weight of the lexical logit, then one per embedding dimension. */
  weights: string;
  bias: number;
  thresholds: AngerThresholds;
}

export interface AngerModelFile {
  format: 'warmdesk-anger';
  featureVersion: number;
  hashBits: number;
  thresholds: AngerThresholds;
  lexical: {
    /** Uint32 base64, ascending feature indices with a non-zero weight. */
    indices: string;
    /** Int16 base64, weight = value * scale. */
    weights: string;
    scale: number;
  };
  embedding: EmbeddingHeadFile | null;
  /** How it was trained and what cross-validation measured; informational. */
  training: Record<string, unknown>;
}

export interface EmbeddingHead {
  modelVersion: string;
  dimensions: number;
  lexicalWeight: number;
  weights: Float32Array;
  bias: number;
  thresholds: AngerThresholds;
}

export interface AngerModel {
  thresholds: AngerThresholds;
  /** Dense weights over all features (most are zero). */
  weights: Float32Array;
  embedding: EmbeddingHead | null;
}

function toBase64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

function fromBase64(text: string): Buffer {
  const buffer = Buffer.from(text, 'base64');
  // Copy into a fresh, aligned buffer so typed arrays can view it.
  const aligned = new Uint8Array(buffer.length);
  aligned.set(buffer);
  return Buffer.from(aligned.buffer);
}

export function encodeLexicalWeights(weights: Float32Array): AngerModelFile['lexical'] {
  const indices: number[] = [];
  let maxAbs = 0;
  weights.forEach((w, i) => {
    if (Math.abs(w) > 1e-4) {
      indices.push(i);
      maxAbs = Math.max(maxAbs, Math.abs(w));
    }
  });
  const scale = maxAbs / 32767 || 1;
  const quantised = Int16Array.from(indices, (i) => Math.round((weights[i] ?? 0) / scale));
  return { indices: toBase64(Uint32Array.from(indices)), weights: toBase64(quantised), scale };
}

export function encodeFloats(values: Float32Array): string {
  return toBase64(values);
}

function isModelFile(value: unknown): value is AngerModelFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<AngerModelFile>;
  return (
    file.format === 'warmdesk-anger' &&
    typeof file.thresholds?.zh === 'number' &&
    typeof file.thresholds.en === 'number' &&
    typeof file.lexical?.indices === 'string' &&
    typeof file.lexical.weights === 'string' &&
    typeof file.lexical.scale === 'number'
  );
}

export function decodeModel(file: AngerModelFile): AngerModel {
  if (file.featureVersion !== FEATURE_VERSION || file.hashBits !== HASH_BITS) {
    throw new Error('anger model was trained with other features: run packages/bot/scripts/train-anger.ts');
  }
  const indicesBuffer = fromBase64(file.lexical.indices);
  const weightsBuffer = fromBase64(file.lexical.weights);
  const indices = new Uint32Array(indicesBuffer.buffer, 0, indicesBuffer.length / 4);
  const quantised = new Int16Array(weightsBuffer.buffer, 0, weightsBuffer.length / 2);
  const weights = new Float32Array(FEATURE_COUNT);
  indices.forEach((index, k) => {
    if (index < FEATURE_COUNT) weights[index] = (quantised[k] ?? 0) * file.lexical.scale;
  });
  let embedding: EmbeddingHead | null = null;
  if (file.embedding) {
    const headBuffer = fromBase64(file.embedding.weights);
    const head = new Float32Array(headBuffer.buffer, 0, headBuffer.length / 4);
    embedding = {
      modelVersion: file.embedding.modelVersion,
      dimensions: file.embedding.dimensions,
      lexicalWeight: head[0] ?? 0,
      weights: head.slice(1),
      bias: file.embedding.bias,
      thresholds: file.embedding.thresholds,
    };
  }
  return { thresholds: file.thresholds, weights, embedding };
}

let cached: AngerModel | null = null;

/** The shipped model, read once. */
export function loadShippedModel(): AngerModel {
  if (cached) return cached;
  const parsed: unknown = JSON.parse(readFileSync(MODEL_URL, 'utf8'));
  if (!isModelFile(parsed)) throw new Error('anger-model.gen.json is not a warmdesk anger model');
  cached = decodeModel(parsed);
  return cached;
}
