import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Embedder } from '../types.js';
import { LruCache } from './lru.js';
import { MODEL_NAME, MODEL_ONNX_FILE, MODEL_TOKENIZER_CONFIG_FILE, MODEL_VOCAB_FILE } from './model-files.js';
import { parseVocab, vocabIsCased, WordPieceTokenizer } from './wordpiece.js';

export interface EmbedderOptions {
  /** Tokens per text including [CLS]/[SEP]; longer texts keep their start. Customer questions fit in 128. */
  maxLength?: number;
  /** Texts per ONNX run; texts are sorted by length first so that a batch carries little padding. */
  batchSize?: number;
  /** ONNX Runtime threads per run. 1 measured best here (2 cores shared with the server). */
  threads?: number;
  /** Recently embedded texts kept (vectors of 2 KB each). */
  cacheSize?: number;
}

const DEFAULTS = { maxLength: 128, batchSize: 32, threads: 1, cacheSize: 2048 } as const;
const MODEL_MAX_LENGTH = 512;
/** Longer texts are not cached: they are rarely repeated and would pin large strings. */
const MAX_CACHED_TEXT = 256;
/** Only this many characters per kept token are tokenised: a huge text costs no more than a long one. */
const CHARS_PER_TOKEN_BOUND = 32;

interface TokenizerSettings {
  lowercase: boolean;
  stripAccents: boolean;
}

/** tokenizer_config.json, read defensively: unknown or malformed fields fall back to BERT defaults. */
function tokenizerSettings(configText: string, cased: boolean): TokenizerSettings {
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(configText);
    if (parsed && typeof parsed === 'object') config = parsed as Record<string, unknown>;
  } catch {
    // Malformed config: BERT defaults below.
  }
  // This model's config says do_lower_case=false, but its vocabulary (bert-base-chinese) has no upper-case Latin
  // entries: without lower-casing every capitalised English word would become [UNK].
  const lowercase = config.do_lower_case === true || !cased;
  const stripAccents = typeof config.strip_accents === 'boolean' ? config.strip_accents : lowercase;
  return { lowercase, stripAccents };
}

export function l2Normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

export async function loadTokenizer(modelDir: string): Promise<WordPieceTokenizer> {
  const [vocabText, configText] = await Promise.all([
    readFile(join(modelDir, MODEL_VOCAB_FILE), 'utf8'),
    readFile(join(modelDir, MODEL_TOKENIZER_CONFIG_FILE), 'utf8'),
  ]);
  const vocab = parseVocab(vocabText);
  const settings = tokenizerSettings(configText, vocabIsCased(vocab));
  return new WordPieceTokenizer(vocab, { ...settings, maxCharsPerWord: 100 });
}

/** bge-small-zh-v1.5 on onnxruntime-node: BERT tokenizer, [CLS] pooling, L2 normalisation (how bge is meant to be used). */
export async function createOnnxEmbedder(modelDir: string, options: EmbedderOptions = {}): Promise<Embedder> {
  const maxLength = Math.min(MODEL_MAX_LENGTH, Math.max(8, options.maxLength ?? DEFAULTS.maxLength));
  const batchSize = Math.max(1, options.batchSize ?? DEFAULTS.batchSize);
  const threads = Math.max(1, options.threads ?? DEFAULTS.threads);
  const cache = new LruCache<string, Float32Array>(options.cacheSize ?? DEFAULTS.cacheSize);

  const tokenizer = await loadTokenizer(modelDir);
  const modelBytes = await readFile(join(modelDir, MODEL_ONNX_FILE));
  const sha256 = createHash('sha256').update(modelBytes).digest('hex');
  const session = await ort.InferenceSession.create(modelBytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const firstOutput = session.outputNames[0];
  if (firstOutput === undefined) throw new Error(`${MODEL_ONNX_FILE} has no output`);
  const output: string = firstOutput;
  const hasTokenTypes = session.inputNames.includes('token_type_ids');

  async function runBatch(encoded: number[][]): Promise<Float32Array[]> {
    const rows = encoded.length;
    const width = Math.max(...encoded.map((ids) => ids.length));
    const inputIds = new BigInt64Array(rows * width);
    const mask = new BigInt64Array(rows * width);
    for (let r = 0; r < rows; r++) {
      const ids = encoded[r] ?? [];
      for (let c = 0; c < width; c++) {
        const id = ids[c];
        inputIds[r * width + c] = BigInt(id ?? tokenizer.padId);
        mask[r * width + c] = id === undefined ? 0n : 1n;
      }
    }
    const dims = [rows, width];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', inputIds, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
    };
    if (hasTokenTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(rows * width), dims);
    const results = await session.run(feeds);
    const hidden = results[output];
    if (!hidden || !(hidden.data instanceof Float32Array) || hidden.dims.length !== 3) {
      throw new Error(`${MODEL_ONNX_FILE}: unexpected output`);
    }
    const size = Number(hidden.dims[2]);
    const stride = Number(hidden.dims[1]) * size;
    const data = hidden.data;
    const vectors: Float32Array[] = [];
    for (let r = 0; r < rows; r++) vectors.push(l2Normalise(data.slice(r * stride, r * stride + size)));
    hidden.dispose();
    return vectors;
  }

  async function embed(texts: string[]): Promise<Float32Array[]> {
    const out: (Float32Array | undefined)[] = new Array(texts.length);
    const pending = new Map<string, number[]>();
    for (let i = 0; i < texts.length; i++) {
      const raw: unknown = texts[i];
      const text = typeof raw === 'string' ? raw : String(raw ?? '');
      const cached = text.length <= MAX_CACHED_TEXT ? cache.get(text) : undefined;
      if (cached) {
        out[i] = cached.slice();
        continue;
      }
      const positions = pending.get(text);
      if (positions) positions.push(i);
      else pending.set(text, [i]);
    }
    const unique = [...pending.keys()];
    const encoded = unique.map(
      (text) => tokenizer.encode(text.slice(0, maxLength * CHARS_PER_TOKEN_BOUND), maxLength).ids,
    );
    const order = unique.map((_, i) => i).sort((a, b) => (encoded[a]?.length ?? 0) - (encoded[b]?.length ?? 0));
    for (let start = 0; start < order.length; start += batchSize) {
      const slice = order.slice(start, start + batchSize);
      const vectors = await runBatch(slice.map((u) => encoded[u] ?? []));
      slice.forEach((u, k) => {
        const text = unique[u] ?? '';
        const vector = vectors[k];
        if (!vector) return;
        if (text.length <= MAX_CACHED_TEXT) cache.set(text, vector);
        for (const i of pending.get(text) ?? []) out[i] = vector.slice();
      });
    }
    return out.map((vector) => vector ?? new Float32Array(dimensions));
  }

  // Warm-up: the first run allocates and is several times slower; it also tells the vector size.
  const [probe] = await runBatch([tokenizer.encode('', maxLength).ids]);
  const dimensions = probe?.length ?? 0;
  if (dimensions === 0) throw new Error(`${MODEL_ONNX_FILE}: empty embedding`);
  return { modelVersion: `${MODEL_NAME}-q8@${sha256.slice(0, 8)}`, dimensions, embed };
}
