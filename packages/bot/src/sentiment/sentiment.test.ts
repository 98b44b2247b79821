import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../embed/index.js';
import type { Embedder } from '../types.js';
import { analyseSentiment } from './index.js';

const angry = [
  '你们到底还要拖多久？我已经等了一个星期了，再不退款我就去12315投诉！',
  '什么破服务，客服一问三不知，骗子公司',
  '气死我了，快递丢了还怪我地址写错',
  '垃圾平台，以后再也不用了，给你们差评',
  'This is ridiculous, I have been waiting three weeks for my refund!',
  "You people are useless. I'm cancelling my account and reporting you.",
  'WHY WAS I CHARGED TWICE??? Fix it NOW!!!',
];

const calm = [
  '你好，请问怎么申请退款？',
  '谢谢你的耐心解答，问题已经解决了',
  '请问退款一般多久到账呢',
  '今天终于拿到驾照了，开心到飞起',
  '又是想念外婆的一天，她走了快一年了',
  'Hi, how long does a refund usually take?',
  'Thanks so much for your help, have a great day!',
  'Missing my grandma so much today.',
  'I passed my driving test, so happy!',
];

// Short, direct requests and chit-chat: a bot hands these customers to a human if it reads them as angry.
const calmRequests = [
  '给我讲个笑话',
  '给我推荐一个',
  '给我转人工',
  '我要退货',
  '你叫什么名字',
  'tell me a joke',
  'give me the tracking number',
  'I need to change my address asap',
  'I want to return this',
];

// The same kinds of request said in anger.
const angryRequests = [
  '快点退钱！！！',
  '我受够了，马上给我转人工！',
  'GIVE ME MY MONEY BACK',
  'You useless bot, get me a real person',
];

describe('analyseSentiment', () => {
  it.each(angry)('flags an upset customer: %s', async (text) => {
    const result = await analyseSentiment(text);
    expect(result.angry).toBe(true);
  });

  it.each(calm)('does not flag a calm, grateful, sad or happy message: %s', async (text) => {
    const result = await analyseSentiment(text);
    expect(result.angry).toBe(false);
  });

  it.each(calmRequests)('does not flag a calm imperative request or chit-chat: %s', async (text) => {
    expect((await analyseSentiment(text)).angry).toBe(false);
  });

  it.each(angryRequests)('flags the same kind of request said in anger: %s', async (text) => {
    expect((await analyseSentiment(text)).angry).toBe(true);
  });

  it('scores angry messages above calm ones, always within 0..1', async () => {
    const angryScores = await Promise.all(angry.map(async (t) => (await analyseSentiment(t)).score));
    const calmScores = await Promise.all(calm.map(async (t) => (await analyseSentiment(t)).score));
    for (const score of [...angryScores, ...calmScores]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(Math.min(...angryScores)).toBeGreaterThan(Math.max(...calmScores));
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['emoji only', '😀🎉👍'],
    ['punctuation only', '？？？'],
  ])('handles %s input without flagging it', async (_name, text) => {
    const result = await analyseSentiment(text);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    if (text.trim() === '') expect(result).toEqual({ angry: false, score: 0 });
  });

  it('handles very long input', async () => {
    const long = `${'请问一下这个商品什么时候发货，'.repeat(5000)}谢谢`;
    const result = await analyseSentiment(long);
    expect(Number.isFinite(result.score)).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it('falls back to the text model when the embedder fails or is of another model', async () => {
    const failing: Embedder = {
      modelVersion: 'some-other-model',
      dimensions: 4,
      embed: () => Promise.reject(new Error('model not loaded')),
    };
    const plain = await analyseSentiment(angry[0] ?? '');
    const withFailing = await analyseSentiment(angry[0] ?? '', { embedder: failing });
    expect(withFailing).toEqual(plain);
  });
});

// The embedding head runs only where the model is installed (`npm run bot:model`).
const embedder = await loadEmbedder();

describe.skipIf(!embedder)('analyseSentiment with the embedding model', () => {
  it('flags the angry messages and none of the calm ones', async () => {
    for (const text of angry) expect((await analyseSentiment(text, { embedder })).angry, text).toBe(true);
    for (const text of calm) expect((await analyseSentiment(text, { embedder })).angry, text).toBe(false);
  });

  it('tells calm requests from angry ones', async () => {
    for (const text of calmRequests) expect((await analyseSentiment(text, { embedder })).angry, text).toBe(false);
    for (const text of angryRequests) expect((await analyseSentiment(text, { embedder })).angry, text).toBe(true);
  });
});
