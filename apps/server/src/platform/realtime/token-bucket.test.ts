import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyedBuckets, TokenBucket } from './token-bucket.js';

afterEach(() => vi.useRealTimers());

describe('token bucket', () => {
  it('allows a burst up to capacity, then refills at the rate', () => {
    vi.useFakeTimers({ now: 0 });
    const b = new TokenBucket(2, 4);
    expect([1, 2, 3, 4, 5].map(() => b.take())).toEqual([true, true, true, true, false]);
    vi.setSystemTime(500);
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const k = new KeyedBuckets(1, 1);
    expect(k.take('1.1.1.1')).toBe(true);
    expect(k.take('1.1.1.1')).toBe(false);
    expect(k.take('2.2.2.2')).toBe(true);
  });
});
