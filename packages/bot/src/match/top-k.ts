/** One pass with insertion into a short sorted list: the `k` highest values of `scores` among `keys[0..count)` (all indexes when `keys` is null), best first. */
export function topKOf(
  scores: Float32Array,
  k: number,
  keys: Int32Array | null = null,
  count = scores.length,
): number[] {
  const best: number[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const key = keys ? (keys[i] ?? 0) : i;
    const score = scores[key] ?? 0;
    if (best.length === k && score <= floor) continue;
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] ?? 0] ?? 0) < score) at--;
    best.splice(at, 0, key);
    if (best.length > k) best.pop();
    if (best.length === k) floor = scores[best[k - 1] ?? 0] ?? 0;
  }
  return best;
}
