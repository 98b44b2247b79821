import { describe, expect, it } from 'vitest';
import {
  customerLanguage,
  decideQuestion,
  decideUnhelpful,
  detectHandoffRequest,
  detectSmallTalk,
  handoffSummaryText,
  pickSuggestion,
  readCustomerMessage,
  type SuggestOption,
} from './index.js';

const KEYWORDS = ['转人工', '人工', '人工客服', '真人', '客服', 'human', 'agent', 'real person', 'operator'];
const settings = { handoffKeywords: KEYWORDS, maxMisses: 2, handoffOnAnger: true };

describe('a request for a person', () => {
  it.each([
    '转人工',
    '人工',
    '人工客服！！',
    '我要转人工',
    '你好，人工客服',
    '帮我转一下人工吧',
    '有没有人工客服',
    '这个问题太复杂了，转人工吧',
    '找客服',
    '真人',
    'human',
    'AGENT',
    'Can I talk to a human, please?',
    'I want a real person',
    'operator now',
  ])('is heard in %s', (text) => {
    expect(detectHandoffRequest(text, KEYWORDS)).toBe(true);
  });

  it.each([
    '人工智能是什么',
    '客服电话是多少',
    '我不要人工',
    '不想找人工',
    'My user agent is Chrome',
    "I don't need a human",
    '怎么退货',
    '',
  ])('is not heard in %s', (text) => {
    expect(detectHandoffRequest(text, KEYWORDS)).toBe(false);
  });

  it("uses the inbox's own keywords", () => {
    expect(detectHandoffRequest('找小二', ['小二'])).toBe(true);
    expect(detectHandoffRequest('转人工', ['小二'])).toBe(false);
  });
});

describe('picking a suggestion', () => {
  const options = [
    { entryId: 'a', question: '怎么退货？' },
    { entryId: 'b', question: 'How long is shipping?' },
    { entryId: 'c', question: '花呗怎么开通' },
  ];
  it('takes a number in any width or form, or the exact question', () => {
    expect(pickSuggestion('1', options)?.entryId).toBe('a');
    expect(pickSuggestion('２', options)?.entryId).toBe('b');
    expect(pickSuggestion('第三个', options)?.entryId).toBe('c');
    expect(pickSuggestion(' 3. ', options)?.entryId).toBe('c');
    expect(pickSuggestion('how long is shipping', options)?.entryId).toBe('b');
    expect(pickSuggestion('怎么退货', options)?.entryId).toBe('a');
  });
  it('ignores other replies and numbers out of range', () => {
    expect(pickSuggestion('4', options)).toBeNull();
    expect(pickSuggestion('退货要多久', options)).toBeNull();
    expect(pickSuggestion('1', [])).toBeNull();
  });
});

describe('small talk and language', () => {
  it('recognises greetings and thanks only as the whole message', () => {
    expect(detectSmallTalk('你好！')).toBe('greeting');
    expect(detectSmallTalk('Hello')).toBe('greeting');
    expect(detectSmallTalk('谢谢')).toBe('thanks');
    expect(detectSmallTalk('你好，怎么退货')).toBeNull();
  });
  it('answers in the language the customer writes, else the browser one', () => {
    expect(customerLanguage('怎么退货', 'en-US')).toBe('zh-CN');
    expect(customerLanguage('refund please', 'zh-CN')).toBe('en');
    expect(customerLanguage('2', 'en-GB')).toBe('en');
    expect(customerLanguage('2', 'zh-CN')).toBe('zh-CN');
  });
});

const candidates = (n: number): SuggestOption[] =>
  Array.from({ length: n }, (_, i) => ({ entryId: `e${i}`, question: `q${i}`, score: 0.5 - i / 10 }));

describe('the dialog policy', () => {
  const base = { settings, angry: false, indexSize: 10 };

  it('answers a confident match and resets the misses', () => {
    const d = decideQuestion({
      ...base,
      state: { misses: 1, options: [] },
      match: { level: 'answer', score: 0.9, candidates: [{ entryId: 'x', question: 'q', score: 0.9, handoff: true }] },
    });
    expect(d.reply).toEqual({ kind: 'answer', entryId: 'x', score: 0.9, thenHandoff: true });
    expect(d.state.misses).toBe(0);
    expect(d.unanswered).toBe(false);
  });

  it('offers the top three when unsure and records the question', () => {
    const d = decideQuestion({
      ...base,
      state: { misses: 0, options: [] },
      match: { level: 'suggest', score: 0.4, candidates: candidates(5) },
    });
    expect(d.reply.kind).toBe('suggest');
    expect(d.state.options.map((o) => o.entryId)).toEqual(['e0', 'e1', 'e2']);
    expect(d.unanswered).toBe(true);
  });

  it('hands off after the second miss in a row, not the first', () => {
    const first = decideQuestion({
      ...base,
      state: { misses: 0, options: [] },
      match: { level: 'handoff', score: 0.05, candidates: [] },
    });
    expect(first.reply).toEqual({ kind: 'rephrase', after: 'miss' });
    const second = decideQuestion({
      ...base,
      state: first.state,
      match: { level: 'handoff', score: 0.05, candidates: [] },
    });
    expect(second.reply).toEqual({ kind: 'handoff', reason: 'low_confidence' });
  });

  it('counts a passed-over suggestion and a "not helpful" as misses', () => {
    const offered = { misses: 0, options: candidates(3) };
    const again = decideQuestion({
      ...base,
      state: offered,
      match: { level: 'suggest', score: 0.4, candidates: candidates(3) },
    });
    expect(again.reply.kind).toBe('suggest');
    expect(again.state.misses).toBe(1);
    expect(decideUnhelpful(again.state, settings).reply).toEqual({ kind: 'handoff', reason: 'misses' });
    expect(decideUnhelpful({ misses: 0, options: [] }, settings).reply).toEqual({
      kind: 'rephrase',
      after: 'unhelpful',
    });
  });

  it('hands off an upset customer when the inbox says so, and at once with an empty knowledge base', () => {
    const match = { level: 'answer' as const, score: 0.9, candidates: candidates(1) };
    const state = { misses: 0, options: [] };
    expect(decideQuestion({ ...base, state, match, angry: true }).reply).toEqual({ kind: 'handoff', reason: 'angry' });
    const calm = { ...settings, handoffOnAnger: false };
    expect(decideQuestion({ ...base, settings: calm, state, match, angry: true }).reply.kind).toBe('answer');
    const empty = { level: 'handoff' as const, score: 0, candidates: [] };
    expect(decideQuestion({ ...base, state, match: empty, indexSize: 0 }).reply.kind).toBe('handoff');
  });

  it('reads requests, picks and small talk before any matching', () => {
    const state = { misses: 0, options: candidates(3) };
    expect(readCustomerMessage('转人工', state, settings)).toEqual({ kind: 'handoff', reason: 'requested' });
    expect(readCustomerMessage('2', state, settings)).toMatchObject({ kind: 'pick', option: { entryId: 'e1' } });
    expect(readCustomerMessage('谢谢', state, settings)).toEqual({ kind: 'small_talk', type: 'thanks' });
    expect(readCustomerMessage('怎么退货', state, settings)).toEqual({ kind: 'question' });
  });

  it('summarises a hand-off for agents in their language', () => {
    const s = { reason: 'misses' as const, turns: 5, lastQuestion: '花呗怎么还款' };
    expect(handoffSummaryText('zh-CN', s)).toBe(
      '机器人转人工（多次未解决）：5 轮机器人对话，最后的问题：“花呗怎么还款”',
    );
    expect(handoffSummaryText('en', s)).toBe(
      'Bot handed off (repeated misses): 5 bot turns, last question: "花呗怎么还款"',
    );
  });
});
