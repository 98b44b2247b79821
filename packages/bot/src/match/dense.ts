import type { Embedder } from '../types.js';
import { VectorMatrix } from './simd.js';

/** Texts embedded per call; the event loop gets a turn between batches. */
const BATCH = 32;
/** Vectors kept per embedder across index builds, so rebuilding after an edit only embeds new questions. */
const CACHE_LIMIT = 30_000;

const caches = new WeakMap<Embedder, Map<string, Float32Array>>();

export async function embedAll(embedder: Embedder, texts: readonly string[]): Promise<Float32Array[]> {
  let cache = caches.get(embedder);
  if (!cache) {
    cache = new Map();
    caches.set(embedder, cache);
  }
  const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const vectors = await embedder.embed(batch);
    batch.forEach((text, k) => {
      const v = vectors[k];
      if (v) cache.set(text, v);
    });
  }
  const out = texts.map((t) => cache.get(t) ?? new Float32Array(embedder.dimensions));
  // Keep the most recently inserted vectors; Map iterates in insertion order.
  for (const key of cache.keys()) {
    if (cache.size <= CACHE_LIMIT) break;
    cache.delete(key);
  }
  return out;
}

/** Variants compared with each variant to estimate its hubness. */
const HUB_SAMPLE = 3000;
/** Neighbours averaged for hubness when all variants are compared (fewer on a sample, in proportion). */
const HUB_NEIGHBOURS = 30;

/** Variant embeddings (L2-normalised, so dot product = cosine) and, on request, per-entry centroids. */
export class DenseIndex {
  private readonly variants: VectorMatrix;
  private centroids: VectorMatrix | null = null;
  /** Per variant, its mean similarity to its nearest variants of other entries (see `computeHubness`). */
  private hubness: Float32Array | null = null;
  /** Per entry, the variant with the best cosine in the last `score` call. */
  private readonly bestVariant: Int32Array;

  constructor(
    vectors: readonly Float32Array[],
    dimensions: number,
    private readonly variantEntry: Int32Array,
    private readonly entryCount: number,
  ) {
    this.variants = new VectorMatrix(vectors.length, dimensions);
    vectors.forEach((v, i) => {
      this.variants.setRow(i, v);
    });
    this.bestVariant = new Int32Array(entryCount);
  }

  /** Per entry, the normalised mean of its variants' vectors, for `centroidScores`. */
  computeCentroids(): void {
    const d = this.variants.dims;
    const sums = new Float32Array(this.entryCount * d);
    for (let v = 0; v < this.variantEntry.length; v++) {
      const row = this.variants.row(v);
      const base = (this.variantEntry[v] ?? 0) * d;
      for (let j = 0; j < d; j++) sums[base + j] = (sums[base + j] ?? 0) + (row[j] ?? 0);
    }
    const centroids = new VectorMatrix(this.entryCount, d);
    for (let e = 0; e < this.entryCount; e++) {
      const row = sums.subarray(e * d, (e + 1) * d);
      let norm = 0;
      for (const x of row) norm += x * x;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let j = 0; j < d; j++) row[j] = (row[j] ?? 0) * scale;
      centroids.setRow(e, row);
    }
    this.centroids = centroids;
  }

  /** Max cosine similarity per entry over its variants (a fresh array). */
  score(query: Float32Array): Float32Array {
    const cos = this.variants.scores(query);
    const best = new Float32Array(this.entryCount).fill(-1);
    for (let v = 0; v < cos.length; v++) {
      const e = this.variantEntry[v] ?? 0;
      const c = cos[v] ?? 0;
      if (c > (best[e] ?? -1)) {
        best[e] = c;
        this.bestVariant[e] = v;
      }
    }
    return best;
  }

  /** Hubness of the variant behind each entry's score in the last `score` call (0 until computed). */
  hubOf(entry: number): number {
    return this.hubness?.[this.bestVariant[entry] ?? 0] ?? 0;
  }

  /**
   * Hubness per variant: the mean cosine to its nearest variants of other entries, over a fixed sample. Generic
   * questions sit close to everything and win nearest-neighbour ties they should not (CSLS, Conneau et al. 2018);
   * the fused score subtracts a fitted share of it.
   */
  async computeHubness(yieldNow: () => Promise<void>): Promise<void> {
    const n = this.variantEntry.length;
    const step = Math.max(1, n / HUB_SAMPLE);
    const sample: number[] = [];
    for (let x = 0; x < n; x += step) sample.push(Math.floor(x));
    const k = Math.max(2, Math.round((HUB_NEIGHBOURS * sample.length) / n));
    const matrix = new VectorMatrix(sample.length, this.variants.dims);
    sample.forEach((v, i) => {
      matrix.setRow(i, this.variants.row(v));
    });
    const hubness = new Float32Array(n);
    const nearest = new Float32Array(k);
    for (let v = 0; v < n; v++) {
      const cos = matrix.scores(this.variants.row(v));
      const entry = this.variantEntry[v];
      nearest.fill(-1);
      for (let i = 0; i < sample.length; i++) {
        const c = cos[i] ?? -1;
        if (c <= (nearest[k - 1] ?? -1) || this.variantEntry[sample[i] ?? 0] === entry) continue;
        let at = k - 1;
        while (at > 0 && (nearest[at - 1] ?? -1) < c) {
          nearest[at] = nearest[at - 1] ?? -1;
          at--;
        }
        nearest[at] = c;
      }
      let sum = 0;
      for (const c of nearest) sum += Math.max(0, c);
      hubness[v] = sum / k;
      if (v % 200 === 199) await yieldNow();
    }
    this.hubness = hubness;
  }

  /** Cosine similarity to each entry's centroid (a fresh array); null before `computeCentroids`. */
  centroidScores(query: Float32Array): Float32Array | null {
    return this.centroids ? Float32Array.from(this.centroids.scores(query)) : null;
  }
}
