import type { Embedder } from '../types.js';

// Placeholder until the embedder lands (replaced by its owner).
export const DEFAULT_MODEL_DIR = '';
export async function loadEmbedder(_modelDir: string = DEFAULT_MODEL_DIR): Promise<Embedder | null> {
  return null;
}
