import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base, with jitter between half and all of the step', () => {
    expect(backoffDelay(0, { baseMs: 500, random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { baseMs: 500, random: () => 0.999999 })).toBe(500);
    expect(backoffDelay(3, { baseMs: 500, random: () => 0 })).toBe(2000);
    expect(backoffDelay(3, { baseMs: 500, random: () => 0.999999 })).toBe(4000);
  });

  it('is capped, even for huge attempt counts', () => {
    for (const attempt of [5, 10, 100, 10_000]) {
      const d = backoffDelay(attempt, { baseMs: 500, maxMs: 10_000 });
      expect(d).toBeGreaterThanOrEqual(5_000);
      expect(d).toBeLessThanOrEqual(10_000);
    }
  });

  it('spreads clients out', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
