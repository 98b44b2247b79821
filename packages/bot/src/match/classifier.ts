import type { SparseVector } from './hashed.js';

/*
 * Multinomial logistic regression over entries, trained at index build on the knowledge base's own question
 * variants, over hashed n-gram features. Weights are feature-major, so an example touches a few contiguous rows of
 * `classes` floats. (The embedding enters the ranking through nearest variants and centroids instead: as classifier
 * input it cost ten times the training time for no measurable gain on the development sets.)
 */

export interface Example {
  sparse: SparseVector;
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** Called between slices of work so a long training does not block the event loop. */
  yieldEvery?: () => Promise<void>;
}

/** A class whose gradient is below this share of the learning rate is not updated for that example. */
const NEGLIGIBLE = 1e-3;
/** Examples per slice between two yields. */
const SLICE = 256;

export class EntryClassifier {
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  private readonly logits: Float32Array;

  constructor(
    readonly classes: number,
    readonly buckets: number,
  ) {
    this.weights = new Float32Array(buckets * classes);
    this.bias = new Float32Array(classes);
    this.logits = new Float32Array(classes);
  }

  /** Softmax probabilities over classes (a fresh array). */
  predict(sparse: SparseVector): Float32Array {
    this.forward(sparse);
    return Float32Array.from(this.logits);
  }

  async train(examples: Example[], options: TrainOptions): Promise<void> {
    const order = Int32Array.from(examples.keys());
    const gradient = new Float32Array(this.classes);
    const active = new Int32Array(this.classes);
    let step = 0;
    const totalSteps = options.epochs * examples.length;
    let random = 0x9e3779b9;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
        const j = random % (i + 1);
        const t = order[i] ?? 0;
        order[i] = order[j] ?? 0;
        order[j] = t;
      }
      for (let k = 0; k < order.length; k++) {
        const example = examples[order[k] ?? 0];
        if (!example) continue;
        const rate = options.learningRate * (1 - step / totalSteps) + 1e-4;
        step++;
        this.forward(example.sparse);
        let touched = 0;
        for (let c = 0; c < this.classes; c++) {
          const g = rate * ((c === example.label ? 1 : 0) - (this.logits[c] ?? 0));
          this.bias[c] = (this.bias[c] ?? 0) + g;
          // Classes the example barely moves are skipped: with many entries most of the softmax is ~0.
          if (Math.abs(g) < NEGLIGIBLE * rate) continue;
          active[touched] = c;
          gradient[touched++] = g;
        }
        this.update(example.sparse, active, gradient, touched);
        if (k % SLICE === SLICE - 1 && options.yieldEvery) await options.yieldEvery();
      }
    }
  }

  /** Leaves softmax probabilities in `this.logits`. */
  private forward(sparse: SparseVector): void {
    const C = this.classes;
    const w = this.weights;
    const out = this.logits;
    out.set(this.bias);
    for (let i = 0; i < sparse.indices.length; i++) {
      const x = sparse.values[i] ?? 0;
      const row = (sparse.indices[i] ?? 0) * C;
      for (let c = 0; c < C; c++) out[c] = (out[c] ?? 0) + x * (w[row + c] ?? 0);
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) max = Math.max(max, out[c] ?? 0);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp((out[c] ?? 0) - max);
      out[c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) out[c] = (out[c] ?? 0) / sum;
  }

  /** Adds `gradient[i]` times the example to the weights of class `active[i]`, for i < count. */
  private update(sparse: SparseVector, active: Int32Array, gradient: Float32Array, count: number): void {
    const C = this.classes;
    const w = this.weights;
    for (let i = 0; i < sparse.indices.length; i++) {
      const x = sparse.values[i] ?? 0;
      const row = (sparse.indices[i] ?? 0) * C;
      for (let k = 0; k < count; k++) {
        const at = row + (active[k] ?? 0);
        w[at] = (w[at] ?? 0) + x * (gradient[k] ?? 0);
      }
    }
  }
}

/** Hash buckets for `classes`, keeping the weight matrix within a memory budget. */
export function bucketsFor(classes: number, maxWeights = 6_000_000): number {
  const available = Math.floor(maxWeights / Math.max(1, classes));
  let buckets = 1 << 15;
  while (buckets > 1024 && buckets > available) buckets >>= 1;
  return buckets;
}
