import type { Embedder, SentimentResult } from '../types.js';

// Placeholder until the anger classifier lands (replaced by its owner).
export async function analyseSentiment(
  _text: string,
  _options: { embedder?: Embedder | null } = {},
): Promise<SentimentResult> {
  throw new Error('anger classifier not built yet');
}
