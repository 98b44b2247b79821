import type { Embedder } from '../types.js';
import { DEFAULT_MODEL_DIR, loadEmbedder } from './index.js';
import { missingModelFiles } from './model-files.js';

/** Tests need the real model (fetched by `npm install` and CI); say how to get it when it is absent. */
export async function requireEmbedder(): Promise<Embedder> {
  const missing = await missingModelFiles(DEFAULT_MODEL_DIR);
  if (missing.length > 0) {
    throw new Error(
      `bot embedding model missing in ${DEFAULT_MODEL_DIR} (${missing.join(', ')}): run \`npm run bot:model\``,
    );
  }
  const embedder = await loadEmbedder();
  if (!embedder)
    throw new Error(`bot embedding model in ${DEFAULT_MODEL_DIR} failed to load: run \`npm run bot:model\``);
  return embedder;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
