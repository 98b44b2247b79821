import { describe, expect, it } from 'vitest';
import { rankingFeatures, SUGGESTIONS, tiedGroup } from './features.js';

describe('tiedGroup', () => {
  it('takes the candidates within half the top one’s weight, at most SUGGESTIONS', () => {
    const fused = Float64Array.from([5, 4.9, 1, 4.5, 4.8]);
    const order = [0, 1, 4, 3, 2];
    expect(tiedGroup(order, fused)).toEqual([0, 1, 4].slice(0, SUGGESTIONS));
    expect(tiedGroup([0, 2], Float64Array.from([5, 0, 1]))).toEqual([0]);
    expect(tiedGroup([], new Float64Array(0))).toEqual([]);
  });
});

describe('rankingFeatures', () => {
  const values = { bm25: Float32Array.from([0.8, 0.8, 0.1]), cos: Float32Array.from([0.7, 0.69, 0.3]) };
  const fused = Float64Array.from([3, 2.99, 0.5]);
  const order = [0, 1, 2];

  it('sees two near-tied candidates as unsure when the top one stands alone', () => {
    const alone = rankingFeatures(values, fused, order, [0]);
    expect(alone.margin).toBeCloseTo(0.01);
    expect(alone.share).toBeLessThan(0.55);
    expect(alone.bm25Margin).toBeCloseTo(0);
  });

  it('sees them as one clear option when grouped', () => {
    const group = rankingFeatures(values, fused, order, [0, 1]);
    expect(group.margin).toBeCloseTo(2.5);
    expect(group.share).toBeGreaterThan(0.9);
    expect(group.bm25Margin).toBeCloseTo(0.7);
    expect(group.cosMargin).toBeCloseTo(0.4);
    expect(group.agree).toBe(1);
  });
});
