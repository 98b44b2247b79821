import type { Embedder, SentimentResult } from '../types.js';
import { loadShippedModel } from './model.js';
import { scoreAnger } from './score.js';

export { scoreAnger } from './score.js';

/**
 * Is the customer upset (anger, complaint with heat, threats to leave, report or sue)? Chinese and English.
 * A logistic regression over character and word n-grams decides in well under a millisecond; with an embedder
 * of the model the shipped embedding head was trained on, the embedding refines the score. An embedder failure
 * falls back to the lexical score.
 */
export async function analyseSentiment(
  text: string,
  options: { embedder?: Embedder | null } = {},
): Promise<SentimentResult> {
  const input = typeof text === 'string' ? text : '';
  if (input.trim() === '') return { angry: false, score: 0 };
  const model = loadShippedModel();
  let embedding: Float32Array | null = null;
  const { embedder } = options;
  if (embedder && model.embedding && embedder.modelVersion === model.embedding.modelVersion) {
    try {
      [embedding = null] = await embedder.embed([input]);
    } catch {
      embedding = null;
    }
  }
  return scoreAnger(model, input, embedding);
}
