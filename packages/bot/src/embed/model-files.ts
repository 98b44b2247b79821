import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped sentence-embedding model: BAAI/bge-small-zh-v1.5, int8-quantised ONNX export. */
export const MODEL_NAME = 'bge-small-zh-v1.5';
export const MODEL_ONNX_FILE = 'onnx/model_quantized.onnx';
export const MODEL_ONNX_SHA256 = '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc';
export const MODEL_VOCAB_FILE = 'vocab.txt';
export const MODEL_VOCAB_SHA256 = '45bbac6b341c319adc98a532532882e91a9cefc0329aa57bac9ae761c27b291c';
export const MODEL_TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';

/** Files the embedder reads; the model directory is complete when all of them exist. */
export const REQUIRED_MODEL_FILES = [MODEL_ONNX_FILE, MODEL_VOCAB_FILE, MODEL_TOKENIZER_CONFIG_FILE] as const;

export const MODEL_DIR_ENV = 'WARMDESK_BOT_MODEL_DIR';

/** `WARMDESK_BOT_MODEL_DIR`, or packages/bot/models/bge-small-zh-v1.5 (git-ignored, filled by `npm run bot:model`). */
export function resolveModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[MODEL_DIR_ENV]?.trim();
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL(`../../models/${MODEL_NAME}`, import.meta.url));
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function missingModelFiles(modelDir: string): Promise<string[]> {
  const missing: string[] = [];
  for (const file of REQUIRED_MODEL_FILES) {
    try {
      await access(join(modelDir, file));
    } catch {
      missing.push(file);
    }
  }
  return missing;
}

/** Why the model in `modelDir` is not the expected one, or null when it is complete and its hashes match. */
export async function verifyModelDir(modelDir: string): Promise<string | null> {
  const missing = await missingModelFiles(modelDir);
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const expected: [string, string][] = [
    [MODEL_ONNX_FILE, MODEL_ONNX_SHA256],
    [MODEL_VOCAB_FILE, MODEL_VOCAB_SHA256],
  ];
  for (const [file, sha256] of expected) {
    const actual = await sha256OfFile(join(modelDir, file));
    if (actual !== sha256) return `${file} has sha256 ${actual.slice(0, 8)}, expected ${sha256.slice(0, 8)}`;
  }
  return null;
}
