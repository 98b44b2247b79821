import type { Features } from './confidence.js';

/** Candidates offered when the bot is unsure ("did you mean"). */
export const SUGGESTIONS = 3;
/**
 * Candidates whose fused score is within this of the top one's (at least half its softmax weight) are near-tied:
 * for the hand-off decision they count as one option, since offering them together answers either reading.
 */
const TIE = Math.LN2;

/** Signals whose top value, best value and margin feed the confidence. */
const CONFIDENCE_SIGNALS = ['bm25', 'cos', 'cls'];

/** Pool positions of the top candidate and of those near-tied with it (at most SUGGESTIONS), best first. */
export function tiedGroup(order: readonly number[], fused: Float64Array): number[] {
  const first = order[0];
  if (first === undefined) return [];
  const floor = (fused[first] ?? 0) - TIE;
  const group = [first];
  for (let k = 1; k < Math.min(SUGGESTIONS, order.length); k++) {
    const at = order[k] ?? 0;
    if ((fused[at] ?? 0) < floor) break;
    group.push(at);
  }
  return group;
}

/**
 * Confidence features of a ranking when the candidates at pool positions `group` (the top one first) are taken as
 * one option: its softmax share, its margin over the best candidate outside it, and per signal its value, the
 * signal's best and margin, and whether the signal's best is in the group. With `group` = the top candidate alone
 * these are the features of the top entry.
 */
export function rankingFeatures(
  values: Record<string, Float32Array>,
  fused: Float64Array,
  order: readonly number[],
  group: readonly number[],
): Features {
  const first = group[0] ?? order[0] ?? 0;
  const top = fused[first] ?? 0;
  const inGroup = new Set(group);
  let partition = 0;
  let groupMass = 0;
  fused.forEach((f, i) => {
    const w = Math.exp(f - top);
    partition += w;
    if (inGroup.has(i)) groupMass += w;
  });
  const outside = order.find((i) => !inGroup.has(i));
  const features: Features = {
    share: groupMass / partition,
    margin: outside === undefined ? 1 : Math.min(10, top - (fused[outside] ?? 0)),
  };
  let agreeing = 0;
  let signalCount = 0;
  for (const name of CONFIDENCE_SIGNALS) {
    const v = values[name];
    if (!v) continue;
    signalCount++;
    let best = 0;
    let bestAt = -1;
    let runnerUp = 0;
    let bestOutside = 0;
    let groupTop = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] ?? 0;
      if (inGroup.has(i)) groupTop = Math.max(groupTop, x);
      else bestOutside = Math.max(bestOutside, x);
      if (x > best) {
        runnerUp = best;
        best = x;
        bestAt = i;
      } else if (x > runnerUp) runnerUp = x;
    }
    const bestInGroup = inGroup.has(bestAt);
    if (bestInGroup) agreeing++;
    features[`${name}Top`] = group.length > 1 ? groupTop : (v[first] ?? 0);
    features[`${name}Best`] = best;
    features[`${name}Margin`] = best - (bestInGroup && group.length > 1 ? bestOutside : runnerUp);
  }
  features.agree = signalCount > 0 ? agreeing / signalCount : 0;
  return features;
}
