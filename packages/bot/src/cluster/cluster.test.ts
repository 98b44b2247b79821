import { beforeAll, describe, expect, it } from 'vitest';
import { cosine, requireEmbedder } from '../embed/test-model.js';
import type { Embedder } from '../types.js';
import { clusterQuestions, type QuestionCluster } from './index.js';

function grouped(texts: string[], clusters: QuestionCluster[]): string[][] {
  return clusters.map((cluster) => cluster.members.map((i) => texts[i] ?? ''));
}

function clusterOf(texts: string[], clusters: QuestionCluster[], text: string): string[] {
  const index = texts.indexOf(text);
  return grouped(texts, clusters)[clusters.findIndex((c) => c.members.includes(index))] ?? [];
}

function expectPartition(texts: string[], clusters: QuestionCluster[]): void {
  const all = clusters.flatMap((c) => c.members).sort((a, b) => a - b);
  expect(all).toEqual(texts.map((_, i) => i));
  const sizes = clusters.map((c) => c.members.length);
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
}

describe('clusterQuestions without an embedder (lexical)', () => {
  const texts = [
    '花呗怎么还款',
    '花呗如何还款',
    '花呗还款怎么操作',
    '怎么申请退货退款',
    '申请退货退款的流程',
    'How do I reset my password?',
    'password reset please',
    'reset my password',
    'Where is my order?',
    'my order has not arrived, where is it',
    '发票怎么开',
    'What time do you open on Sunday?',
    '今天天气怎么样',
  ];

  it('groups questions sharing their words and keeps unrelated ones apart', async () => {
    const clusters = await clusterQuestions(texts);
    expectPartition(texts, clusters);
    expect(clusterOf(texts, clusters, '花呗如何还款').sort()).toEqual([
      '花呗如何还款',
      '花呗怎么还款',
      '花呗还款怎么操作',
    ]);
    expect(clusterOf(texts, clusters, 'reset my password')).toHaveLength(3);
    expect(clusterOf(texts, clusters, '申请退货退款的流程')).toEqual(
      expect.arrayContaining(['怎么申请退货退款', '申请退货退款的流程']),
    );
    expect(clusterOf(texts, clusters, 'Where is my order?')).toHaveLength(2);
    for (const alone of ['发票怎么开', 'What time do you open on Sunday?', '今天天气怎么样']) {
      expect(clusterOf(texts, clusters, alone)).toEqual([alone]);
    }
  });

  it('keeps identical questions together, the most asked one first, and leaves blank texts alone', async () => {
    const input = [
      '退款多久到账？',
      'Reset my password',
      '退款多久到账',
      'reset  my password!',
      '',
      '   ',
      '退款 多久 到账',
    ];
    const clusters = await clusterQuestions(input);
    expectPartition(input, clusters);
    expect(clusters[0]?.members).toEqual([0, 2, 6]);
    expect(clusters[1]?.members).toEqual([1, 3]);
    expect(clusters.filter((c) => c.members.length === 1).map((c) => c.members[0])).toEqual([4, 5]);
  });

  it('lists only repeated questions with minSize, and handles an empty list', async () => {
    const clusters = await clusterQuestions(texts, { minSize: 2 });
    expect(clusters.every((c) => c.members.length >= 2)).toBe(true);
    expect(clusters.length).toBeGreaterThanOrEqual(4);
    expect(await clusterQuestions([])).toEqual([]);
  });
});

describe('clusterQuestions with the embedder', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await requireEmbedder();
  });

  const texts = [
    '花呗怎么还款',
    '花呗如何还钱',
    '怎样还花呗的欠款',
    'How do I reset my password?',
    'I forgot my password, how can I change it',
    'password reset please',
    'What time do you open on Sunday?',
    'Are you open on weekends?',
    '发票怎么开',
    '我想开发票',
    '今天天气怎么样',
  ];

  it('groups paraphrases that share few words and separates unrelated questions', async () => {
    const clusters = await clusterQuestions(texts, { embedder });
    expectPartition(texts, clusters);
    expect(
      grouped(texts, clusters)
        .slice(0, 2)
        .map((g) => g.length),
    ).toEqual([3, 3]);
    expect(clusterOf(texts, clusters, '花呗如何还钱').sort()).toEqual([
      '怎样还花呗的欠款',
      '花呗如何还钱',
      '花呗怎么还款',
    ]);
    expect(clusterOf(texts, clusters, 'password reset please')).toHaveLength(3);
    expect(clusterOf(texts, clusters, 'Are you open on weekends?')).toHaveLength(2);
    expect(clusterOf(texts, clusters, '我想开发票').sort()).toEqual(['我想开发票', '发票怎么开'].sort());
    expect(clusterOf(texts, clusters, '今天天气怎么样')).toEqual(['今天天气怎么样']);
  });

  it('puts the most central question first: the one most similar to the rest of its cluster', async () => {
    const input = [
      'my refund has not arrived',
      'where is my refund',
      'refund not received yet',
      'where is my refund',
      'when will I get my refund',
    ];
    const clusters = await clusterQuestions(input, { embedder });
    const members = clusters[0]?.members ?? [];
    expect(members.length).toBeGreaterThanOrEqual(3);
    const vectors = await embedder.embed(members.map((i) => input[i] ?? ''));
    const centrality = vectors.map((v, a) => vectors.reduce((sum, w, b) => (a === b ? sum : sum + cosine(v, w)), 0));
    expect(centrality[0]).toBeCloseTo(Math.max(...centrality), 5);
  });

  it('falls back to lexical similarity when the embedder fails', async () => {
    const failing: Embedder = {
      modelVersion: 'broken',
      dimensions: 512,
      embed: async () => {
        throw new Error('model crashed');
      },
    };
    const clusters = await clusterQuestions(['reset my password', 'password reset please', '今天天气怎么样'], {
      embedder: failing,
    });
    expect(clusters.map((c) => c.members)).toEqual([[0, 1], [2]]);
  });
});
