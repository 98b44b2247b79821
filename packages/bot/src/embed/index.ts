import type { Embedder } from '../types.js';
import { MODEL_DIR_ENV, missingModelFiles, resolveModelDir } from './model-files.js';
import { createOnnxEmbedder, type EmbedderOptions } from './onnx-embedder.js';

export { MODEL_DIR_ENV, MODEL_NAME } from './model-files.js';
export type { EmbedderOptions } from './onnx-embedder.js';

/** `WARMDESK_BOT_MODEL_DIR`, or packages/bot/models/bge-small-zh-v1.5 (filled by `npm run bot:model`). */
export const DEFAULT_MODEL_DIR = resolveModelDir();

const loaded = new Map<string, Promise<Embedder>>();
let warned = false;

function warnOnce(message: string): void {
  if (warned) return;
  warned = true;
  console.warn(message);
}

/**
 * The sentence embedder, or null when the model is not installed (or cannot be loaded): the bot then runs on BM25
 * alone. Never downloads; one model load per directory and process.
 */
export async function loadEmbedder(
  modelDir: string = DEFAULT_MODEL_DIR,
  options: EmbedderOptions = {},
): Promise<Embedder | null> {
  const missing = await missingModelFiles(modelDir);
  if (missing.length > 0) {
    warnOnce(
      `[bot] embedding model not found in ${modelDir} (set ${MODEL_DIR_ENV} or run \`npm run bot:model\`): bot runs on BM25 alone`,
    );
    return null;
  }
  const key = `${modelDir}\u0000${JSON.stringify(options)}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = createOnnxEmbedder(modelDir, options);
    loaded.set(key, pending);
  }
  try {
    return await pending;
  } catch (error) {
    loaded.delete(key);
    const reason = error instanceof Error ? error.message : String(error);
    warnOnce(`[bot] embedding model in ${modelDir} failed to load (${reason}): bot runs on BM25 alone`);
    return null;
  }
}
