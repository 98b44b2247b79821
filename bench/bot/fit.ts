/*
 * Fitting on development data: the signal blend (a listwise softmax over each query's candidate pool) and the
 * confidence (logistic regression: is the top entry right?). Both by full-batch Adam; data sets weigh equally.
 */
import { type Features, type Logistic, linear, sigmoid } from '../../packages/bot/src/match/confidence.js';
import type { Signals } from '../../packages/bot/src/match/engine.js';

export interface BlendExample {
  signals: Signals;
  /** Pool positions of the right entries (non-empty). */
  gold: number[];
  weight: number;
}

class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    size: number,
    private readonly rate: number,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(params: Float64Array, gradient: Float64Array): void {
    this.t++;
    for (let i = 0; i < params.length; i++) {
      const g = gradient[i] ?? 0;
      this.m[i] = 0.9 * (this.m[i] ?? 0) + 0.1 * g;
      this.v[i] = 0.999 * (this.v[i] ?? 0) + 0.001 * g * g;
      const mHat = (this.m[i] ?? 0) / (1 - 0.9 ** this.t);
      const vHat = (this.v[i] ?? 0) / (1 - 0.999 ** this.t);
      params[i] = (params[i] ?? 0) - (this.rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
}

export function fitBlend(examples: BlendExample[], initial: Record<string, number>, iterations = 400) {
  const keys = Object.keys(initial);
  const w = Float64Array.from(keys, (k) => initial[k] ?? 0);
  const adam = new Adam(keys.length, 0.05);
  const gradient = new Float64Array(keys.length);
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0);
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    for (const { signals, gold, weight } of examples) {
      const n = signals.pool.length;
      const columns = keys.map((k) => signals.values[k]);
      const fused = new Float64Array(n);
      for (let j = 0; j < keys.length; j++) {
        const c = columns[j];
        if (c) for (let i = 0; i < n; i++) fused[i] = (fused[i] ?? 0) + (w[j] ?? 0) * (c[i] ?? 0);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (const f of fused) max = Math.max(max, f);
      let z = 0;
      let zGold = 0;
      for (let i = 0; i < n; i++) z += Math.exp((fused[i] ?? 0) - max);
      for (const g of gold) zGold += Math.exp((fused[g] ?? 0) - max);
      for (let i = 0; i < n; i++) {
        const e = Math.exp((fused[i] ?? 0) - max);
        const diff = e / z - (gold.includes(i) ? e / zGold : 0);
        for (let j = 0; j < keys.length; j++) {
          gradient[j] = (gradient[j] ?? 0) + (weight * diff * (columns[j]?.[i] ?? 0)) / totalWeight;
        }
      }
    }
    adam.step(w, gradient);
  }
  return Object.fromEntries(keys.map((k, j) => [k, round(w[j] ?? 0)]));
}

export interface LabelledFeatures {
  features: Features;
  right: boolean;
  weight: number;
}

/** Logistic regression on standardised features with a light L2 penalty, returned on the raw feature scale. */
export function fitLogistic(examples: LabelledFeatures[], names: string[], iterations = 1500): Logistic {
  const d = names.length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0);
  names.forEach((name, j) => {
    let m = 0;
    for (const e of examples) m += (e.weight * (e.features[name] ?? 0)) / totalWeight;
    let v = 0;
    for (const e of examples) v += (e.weight * ((e.features[name] ?? 0) - m) ** 2) / totalWeight;
    mean[j] = m;
    scale[j] = Math.sqrt(v) || 1;
  });
  const rows = examples.map((e) =>
    Float64Array.from(names, (name, j) => ((e.features[name] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1)),
  );
  const params = new Float64Array(d + 1);
  const gradient = new Float64Array(d + 1);
  const adam = new Adam(d + 1, 0.05);
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    examples.forEach((e, r) => {
      const x = rows[r] ?? new Float64Array(d);
      let z = params[d] ?? 0;
      for (let j = 0; j < d; j++) z += (params[j] ?? 0) * (x[j] ?? 0);
      const error = (sigmoid(z) - (e.right ? 1 : 0)) * (e.weight / totalWeight);
      for (let j = 0; j < d; j++) gradient[j] = (gradient[j] ?? 0) + error * (x[j] ?? 0);
      gradient[d] = (gradient[d] ?? 0) + error;
    });
    for (let j = 0; j < d; j++) gradient[j] = (gradient[j] ?? 0) + 1e-3 * (params[j] ?? 0);
    adam.step(params, gradient);
  }
  let bias = params[d] ?? 0;
  const weights: Record<string, number> = {};
  names.forEach((name, j) => {
    const w = (params[j] ?? 0) / (scale[j] ?? 1);
    weights[name] = round(w);
    bias -= w * (mean[j] ?? 0);
  });
  return { bias: round(bias), weights };
}

export function logLoss(examples: LabelledFeatures[], model: Logistic): number {
  let loss = 0;
  let total = 0;
  for (const e of examples) {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(linear(e.features, model.weights, model.bias))));
    loss -= e.weight * (e.right ? Math.log(p) : Math.log(1 - p));
    total += e.weight;
  }
  return loss / total;
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
