/*
 * Binary logistic regression over sparse (or dense) vectors: AdaGrad SGD with L2, seeded shuffling so a retrain on
 * the same data gives the same weights. Training-time code, kept beside the scorer that shares its maths.
 */

export interface SparseRow {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface LogisticOptions {
  dimensions: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Weight of positive rows relative to negative ones (balances the classes). */
  positiveWeight?: number;
  seed?: number;
  /** Per-row weights (default 1). */
  rowWeights?: number[];
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function dot(weights: ArrayLike<number>, row: SparseRow): number {
  let sum = 0;
  for (let k = 0; k < row.indices.length; k++) sum += (weights[row.indices[k] ?? 0] ?? 0) * (row.values[k] ?? 0);
  return sum;
}

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainLogistic(rows: SparseRow[], labels: number[], options: LogisticOptions): Float32Array {
  const { dimensions, epochs = 30, learningRate = 0.3, l2 = 1e-4, positiveWeight = 1, seed = 7, rowWeights } = options;
  const weights = new Float32Array(dimensions);
  const gradSquares = new Float32Array(dimensions).fill(1e-8);
  const random = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const r of order) {
      const row = rows[r];
      const label = labels[r] ?? 0;
      if (!row) continue;
      const rowWeight = (rowWeights?.[r] ?? 1) * (label === 1 ? positiveWeight : 1);
      const error = (sigmoid(dot(weights, row)) - label) * rowWeight;
      for (let k = 0; k < row.indices.length; k++) {
        const index = row.indices[k] ?? 0;
        const value = row.values[k] ?? 0;
        const w = weights[index] ?? 0;
        const gradient = error * value + l2 * w;
        const squares = (gradSquares[index] ?? 0) + gradient * gradient;
        gradSquares[index] = squares;
        weights[index] = w - (learningRate * gradient) / Math.sqrt(squares);
      }
    }
  }
  return weights;
}

export interface BinaryFigures {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** Precision, recall and F1; `negativeWeight` counts each negative row that many times (to model another prior). */
export function binaryFigures(
  scores: number[],
  labels: number[],
  threshold: number,
  negativeWeight = 1,
): BinaryFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  scores.forEach((score, i) => {
    const predicted = score >= threshold;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp += negativeWeight;
    else if (actual) fn++;
    else tn += negativeWeight;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn };
}

/**
 * The threshold (on a 0.01 grid) with the best F1, averaged over neighbouring thresholds (±0.05) so that a lucky
 * spike on a small set does not decide. With `positiveShare`, negatives are reweighted as if positives made up that
 * share of the rows: a labelled set is balanced, real traffic is mostly calm.
 */
export function bestF1Threshold(
  scores: number[],
  labels: number[],
  positiveShare?: number,
): { threshold: number; f1: number } {
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  const negativeWeight =
    positiveShare && positives > 0 && negatives > 0
      ? ((1 - positiveShare) / positiveShare) * (positives / negatives)
      : 1;
  const grid: number[] = [];
  for (let step = 0; step <= 100; step++) grid.push(binaryFigures(scores, labels, step / 100, negativeWeight).f1);
  let best = { threshold: 0.5, f1: -1 };
  for (let step = 5; step <= 95; step++) {
    const window = grid.slice(step - 5, step + 6);
    const f1 = window.reduce((sum, value) => sum + value, 0) / window.length;
    if (f1 > best.f1) best = { threshold: step / 100, f1 };
  }
  return best;
}
