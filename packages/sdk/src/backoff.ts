export interface BackoffOptions {
  /** Delay of the first retry before jitter, in ms. */
  baseMs?: number;
  /** Upper bound of any delay, in ms. */
  maxMs?: number;
  /** Returns a number in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": attempt n (0-based) waits between half and all of
 * min(maxMs, baseMs * 2^n), so clients that lost the same server do not come back in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 10_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
