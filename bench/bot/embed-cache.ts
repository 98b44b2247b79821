/*
 * The bench embeds the same development sentences on every run; this wraps the embedder with a disk cache keyed by
 * model version and text, kept in the OS temp directory (derived from the eval data, so never in the repository).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../packages/bot/src/types.js';

export interface CachedEmbedder extends Embedder {
  save(): void;
}

export function withDiskCache(embedder: Embedder): CachedEmbedder {
  const dir = join(tmpdir(), 'warmdesk-bot-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${embedder.modelVersion.replace(/[^\w.@-]/g, '_')}.bin`);
  const cache = load(file, embedder.dimensions);
  let dirty = false;
  return {
    modelVersion: embedder.modelVersion,
    dimensions: embedder.dimensions,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length > 0) {
        const vectors = await embedder.embed(missing);
        missing.forEach((t, i) => {
          const v = vectors[i];
          if (v) cache.set(t, v);
        });
        dirty = true;
      }
      return texts.map((t) => cache.get(t) ?? new Float32Array(embedder.dimensions));
    },
    save() {
      if (dirty) writeFileSync(file, serialise(cache, embedder.dimensions));
      dirty = false;
    },
  };
}

function serialise(cache: Map<string, Float32Array>, dimensions: number): Buffer {
  const chunks: Buffer[] = [];
  for (const [text, vector] of cache) {
    const bytes = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(bytes.length);
    chunks.push(header, bytes, Buffer.from(vector.buffer, vector.byteOffset, dimensions * 4));
  }
  return Buffer.concat(chunks);
}

function load(file: string, dimensions: number): Map<string, Float32Array> {
  const cache = new Map<string, Float32Array>();
  if (!existsSync(file)) return cache;
  const data = readFileSync(file);
  let at = 0;
  while (at + 4 <= data.length) {
    const length = data.readUInt32LE(at);
    at += 4;
    const text = data.toString('utf8', at, at + length);
    at += length;
    if (at + dimensions * 4 > data.length) break;
    const vector = new Float32Array(dimensions);
    for (let j = 0; j < dimensions; j++) vector[j] = data.readFloatLE(at + j * 4);
    at += dimensions * 4;
    cache.set(text, vector);
  }
  return cache;
}
