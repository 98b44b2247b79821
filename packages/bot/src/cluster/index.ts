import type { Embedder } from '../types.js';

export interface QuestionCluster {
  /** Indexes into the input texts, most central first. */
  members: number[];
}

// Placeholder until clustering lands (replaced by its owner).
export async function clusterQuestions(
  _texts: string[],
  _options: { embedder?: Embedder | null } = {},
): Promise<QuestionCluster[]> {
  throw new Error('clustering not built yet');
}
