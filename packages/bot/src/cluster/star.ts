import type { SimilarityGraph } from './graph.js';

/**
 * Star clustering: the item with the most (similarity-weighted, repeat-counted) neighbours becomes a centre, it and its
 * neighbours are covered, and so on; then every other item joins the centre it is most similar to. Every member is
 * therefore a direct neighbour of its centre, which keeps clusters tight (no chaining as in connected components).
 *
 * `counts[i]` is how many times item i was asked (duplicates were merged before). Returns groups of item indexes,
 * centre first.
 */
export function starClusters(graph: SimilarityGraph, counts: ArrayLike<number>): number[][] {
  const { nodes, offsets, neighbours, similarities } = graph;
  const count = (i: number) => counts[i] ?? 1;
  const weight = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++) {
    let sum = count(i);
    for (let e = offsets[i] ?? 0; e < (offsets[i + 1] ?? 0); e++) {
      sum += count(neighbours[e] ?? 0) * (similarities[e] ?? 0);
    }
    weight[i] = sum;
  }
  const order = Array.from({ length: nodes }, (_, i) => i).sort((a, b) => (weight[b] ?? 0) - (weight[a] ?? 0) || a - b);

  const covered = new Uint8Array(nodes);
  const centreOf = new Int32Array(nodes).fill(-1);
  for (const i of order) {
    if (covered[i]) continue;
    covered[i] = 1;
    centreOf[i] = i;
    for (let e = offsets[i] ?? 0; e < (offsets[i + 1] ?? 0); e++) covered[neighbours[e] ?? 0] = 1;
  }

  const groups = new Map<number, number[]>();
  for (const i of order) {
    if (centreOf[i] === i) groups.set(i, [i]);
  }
  for (let i = 0; i < nodes; i++) {
    if (centreOf[i] === i) continue;
    let best = -1;
    let bestSim = Number.NEGATIVE_INFINITY;
    for (let e = offsets[i] ?? 0; e < (offsets[i + 1] ?? 0); e++) {
      const j = neighbours[e] ?? 0;
      const sim = similarities[e] ?? 0;
      if (centreOf[j] === j && (sim > bestSim || (sim === bestSim && (weight[j] ?? 0) > (weight[best] ?? 0)))) {
        best = j;
        bestSim = sim;
      }
    }
    centreOf[i] = best;
    groups.get(best)?.push(i);
  }
  return [...groups.values()];
}
