import type { Thresholds } from '../types.js';
import shipped from './thresholds.json' with { type: 'json' };

/** Features of a query's ranking, the inputs of the calibrated confidence. Absent features count as 0. */
export type Features = Record<string, number>;

/** A logistic model: `sigmoid(bias + Σ weight·feature)`. */
export interface Logistic {
  bias: number;
  weights: Record<string, number>;
}

/**
 * How one kind of index ranks and scores: `blend` weighs the per-entry signals into the fused ranking score,
 * `calibration` maps the ranking's features to the probability that the top entry is right.
 */
export interface Profile {
  blend: Record<string, number>;
  calibration: Logistic;
}

/** `retrieval`: nearest variants only; `classifier`: also an entry classifier trained on the variants. */
export type ProfileName = 'retrieval' | 'classifier';

export interface ModelSettings {
  answer: number;
  suggest: number;
  profiles: Record<ProfileName, Profile>;
}

export interface ThresholdsFile {
  note?: string;
  models: Record<string, ModelSettings>;
}

const shippedFile: ThresholdsFile = shipped;

/** The shipped settings for `model`; an embedding model without its own entry borrows any embedding entry. */
export function settingsFor(model: string, file: ThresholdsFile = shippedFile): ModelSettings | null {
  const own = file.models[model];
  if (own) return own;
  if (model === 'bm25') return null;
  const embedding = Object.entries(file.models).find(([name]) => name !== 'bm25');
  return embedding ? embedding[1] : null;
}

export function linear(features: Features, weights: Record<string, number>, bias = 0): number {
  let z = bias;
  for (const [name, weight] of Object.entries(weights)) z += weight * (features[name] ?? 0);
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function thresholdsOf(model: string, settings: ModelSettings, override?: Thresholds): Thresholds {
  if (override) return override;
  return { model, answer: settings.answer, suggest: settings.suggest };
}
