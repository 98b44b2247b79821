/** A token bucket: `rate` tokens per second, bursts up to `capacity`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly rate: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  take(cost = 1): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

/** One bucket per key (an IP), forgotten when full again so the map stays small. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly rate: number,
    private readonly capacity: number,
  ) {}

  take(key: string): boolean {
    if (this.buckets.size > 100_000) this.buckets.clear();
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.rate, this.capacity);
      this.buckets.set(key, b);
    }
    return b.take();
  }
}
