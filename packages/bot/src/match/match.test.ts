import { describe, expect, it } from 'vitest';
import { requireEmbedder } from '../embed/test-model.js';
import type { KbEntryInput } from '../types.js';
import { buildIndex } from './index.js';

const kb: KbEntryInput[] = [
  {
    id: 'reset-password',
    questions: ['How do I reset my password?', 'I forgot my password', 'change my login password'],
  },
  { id: 'card-arrival', questions: ['When will my card arrive?', 'My card has not arrived yet', 'card delivery time'] },
  { id: 'refund', questions: ['How do I get a refund?', 'I want my money back', 'refund for an order'] },
  { id: 'opening-hours', questions: ['What are your opening hours?', 'When are you open?', '营业时间是什么时候'] },
  { id: 'huabei-repay', questions: ['花呗怎么还款', '花呗还款方式有哪些', '怎样还花呗'] },
  { id: 'huabei-limit', questions: ['花呗额度怎么提升', '怎么提高花呗额度'] },
  { id: 'jiebei-close', questions: ['借呗怎么关闭', '我想关掉借呗'] },
  { id: 'old-promo', questions: ['Is the summer promotion still running?'], enabled: false },
];

/** Two entries a vague question fits equally well, and one it does not. */
const returns: KbEntryInput[] = [
  { id: 'shipping', questions: ['How long does shipping take?', 'When will my order ship?', '多久发货'] },
  { id: 'mug', questions: ['How do I return the insulated coffee mug?'] },
  { id: 'watch', questions: ['How do I return the sports smart watch?'] },
];

describe('buildIndex', () => {
  it('ranks the right entry first for paraphrases', async () => {
    const index = await buildIndex(kb, { userDictionary: ['花呗', '借呗'] });
    expect(index.size).toBe(7);
    const cases: [string, string][] = [
      ['forgot password, how to reset it', 'reset-password'],
      ["my card still hasn't arrived", 'card-arrival'],
      ['can I get my money back', 'refund'],
      ['花呗如何还款', 'huabei-repay'],
      ['花呗的额度能提升吗', 'huabei-limit'],
      ['关闭借呗', 'jiebei-close'],
    ];
    for (const [query, id] of cases) {
      const result = await index.match(query);
      expect(result.candidates[0]?.id, query).toBe(id);
    }
  });

  it('never matches a disabled entry', async () => {
    const index = await buildIndex(kb);
    const result = await index.match('Is the summer promotion still running?', { top: 10 });
    expect(result.candidates.map((c) => c.id)).not.toContain('old-promo');
    expect(result.id).not.toBe('old-promo');
  });

  it('answers an exact variant and hands off nonsense', async () => {
    const index = await buildIndex(kb);
    const exact = await index.match('When will my card arrive?');
    expect(exact).toMatchObject({ id: 'card-arrival', level: 'answer', handoff: false });
    for (const nonsense of ['xq zzv blorp', '天气预报明天下雨吗', '']) {
      const result = await index.match(nonsense);
      expect(result, nonsense).toMatchObject({ id: null, level: 'handoff', handoff: true });
    }
  });

  it('returns candidates sorted, capped at top, with scores in 0..1', async () => {
    const index = await buildIndex(kb);
    for (const top of [1, 2, 5]) {
      const result = await index.match('how do I get my card or a refund', { top });
      expect(result.candidates.length).toBeLessThanOrEqual(top);
      expect(result.candidates.length).toBeGreaterThan(0);
      const scores = result.candidates.map((c) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
      expect(result.score).toBe(scores[0]);
    }
  });

  it('offers two equally good entries ("did you mean") rather than handing off', async () => {
    const index = await buildIndex(returns);
    const result = await index.match('How do I return it?');
    expect(result.level).toBe('suggest');
    expect(
      result.candidates
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['mug', 'watch']);
  });

  it('builds an empty index that hands everything off', async () => {
    const index = await buildIndex([]);
    expect(index.size).toBe(0);
    expect(await index.match('hello')).toMatchObject({ id: null, handoff: true, candidates: [] });
  });
});

describe('buildIndex with the embedding model', () => {
  it('matches a paraphrase that shares no word with the entry', async () => {
    const embedder = await requireEmbedder();
    const index = await buildIndex(kb, { embedder, userDictionary: ['花呗', '借呗'] });
    expect(index.model).toBe(embedder?.modelVersion);
    const hours = await index.match('你们几点开门', { top: 3 });
    expect(hours.candidates.map((c) => c.id)).toContain('opening-hours');
    const exact = await index.match('花呗怎么还款');
    expect(exact).toMatchObject({ id: 'huabei-repay', level: 'answer' });
    expect(await index.match('xq zzv blorp')).toMatchObject({ handoff: true });
  });

  it('offers two equally good entries rather than answering one or handing off', async () => {
    const embedder = await requireEmbedder();
    const index = await buildIndex(returns, { embedder });
    const result = await index.match('How do I return it?');
    expect(result.level).toBe('suggest');
    expect(
      result.candidates
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['mug', 'watch']);
    expect(await index.match('How do I return the insulated coffee mug?')).toMatchObject({
      id: 'mug',
      level: 'answer',
    });
  });
});
