import type { SentimentResult } from '../types.js';
import { detectLanguage, extractFeatures } from './features.js';
import { dot, sigmoid } from './logistic.js';
import type { AngerModel, EmbeddingHead } from './model.js';

/** Logit of the lexical model for a text. */
export function lexicalLogit(model: AngerModel, text: string): number {
  return dot(model.weights, extractFeatures(text));
}

export function embeddingLogit(head: EmbeddingHead, lexical: number, vector: Float32Array): number {
  let sum = head.bias + head.lexicalWeight * lexical;
  const n = Math.min(vector.length, head.weights.length);
  for (let i = 0; i < n; i++) sum += (head.weights[i] ?? 0) * (vector[i] ?? 0);
  return sum;
}

/**
 * Anger of one text. With an embedding from the model the head was trained on, the embedding head decides;
 * otherwise the lexical model alone.
 */
export function scoreAnger(model: AngerModel, text: string, embedding?: Float32Array | null): SentimentResult {
  if (text.trim() === '') return { angry: false, score: 0 };
  const lexical = lexicalLogit(model, text);
  const lang = detectLanguage(text);
  const head = model.embedding;
  if (head && embedding && embedding.length === head.dimensions) {
    const score = sigmoid(embeddingLogit(head, lexical, embedding));
    return { angry: score >= head.thresholds[lang], score };
  }
  const score = sigmoid(lexical);
  return { angry: score >= model.thresholds[lang], score };
}
