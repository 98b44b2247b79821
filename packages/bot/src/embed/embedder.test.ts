import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Embedder } from '../types.js';
import { loadEmbedder } from './index.js';
import { cosine, requireEmbedder } from './test-model.js';

describe('loadEmbedder without the model', () => {
  const empty = mkdtempSync(join(tmpdir(), 'warmdesk-no-model-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('returns null and warns once per process that the bot runs on BM25 alone', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(await loadEmbedder(empty)).toBeNull();
      expect(await loadEmbedder(join(empty, 'nowhere'))).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/BM25 alone/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('bge-small-zh-v1.5 embedder', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await requireEmbedder();
  });

  it('names its model and hash, and gives unit-length 512-dimensional vectors', async () => {
    expect(embedder.modelVersion).toBe('bge-small-zh-v1.5-q8@15b717c3');
    expect(embedder.dimensions).toBe(512);
    const [vector] = await embedder.embed(['你好']);
    expect(vector).toHaveLength(512);
    expect(cosine(vector ?? new Float32Array(), vector ?? new Float32Array())).toBeCloseTo(1, 4);
  });

  it('puts Chinese paraphrases closer than unrelated questions', async () => {
    const [repay, repayOther, weather] = await embedder.embed(['花呗怎么还款', '花呗如何还钱', '今天天气怎么样']);
    if (!repay || !repayOther || !weather) throw new Error('missing vectors');
    expect(cosine(repay, repayOther)).toBeGreaterThan(0.8);
    expect(cosine(repay, repayOther) - cosine(repay, weather)).toBeGreaterThan(0.3);
  });

  it('puts English paraphrases closer than unrelated questions', async () => {
    const [reset, forgot, weather] = await embedder.embed([
      'How do I reset my password?',
      'I forgot my password, how can I change it',
      'What is the weather like today',
    ]);
    if (!reset || !forgot || !weather) throw new Error('missing vectors');
    expect(cosine(reset, forgot) - cosine(reset, weather)).toBeGreaterThan(0.2);
  });

  it('gives a text the same vector alone, in a padded batch, repeated, or from the cache', async () => {
    const text = '退款多久到账';
    const [alone] = await embedder.embed([text]);
    const batch = await embedder.embed([
      '我上周买的衣服尺码不合适，想换一个大一号的，请问需要我自己寄回去吗，运费谁出？',
      text,
      text,
      'ok',
    ]);
    if (!alone || !batch[1] || !batch[2]) throw new Error('missing vectors');
    expect(cosine(alone, batch[1])).toBeGreaterThan(0.9999);
    expect(batch[2]).toEqual(batch[1]);
    alone.fill(0);
    const [again] = await embedder.embed([text]);
    expect(cosine(again ?? new Float32Array(), batch[1])).toBeGreaterThan(0.9999);
  });

  it('embeds an empty batch and odd input without failing', async () => {
    expect(await embedder.embed([])).toEqual([]);
    const vectors = await embedder.embed(['', '😀😀😀', 'x'.repeat(5000)]);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) expect(cosine(vector, vector)).toBeCloseTo(1, 4);
  });
});
