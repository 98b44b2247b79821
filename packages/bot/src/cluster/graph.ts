/** Similarity edges between items 0..n-1 (each pair once), collected in growable typed arrays. */
export class EdgeList {
  private fromIds = new Int32Array(1024);
  private toIds = new Int32Array(1024);
  private sims = new Float32Array(1024);
  length = 0;

  add(from: number, to: number, similarity: number): void {
    if (this.length === this.fromIds.length) {
      const capacity = this.length * 2;
      this.fromIds = grow(this.fromIds, new Int32Array(capacity));
      this.toIds = grow(this.toIds, new Int32Array(capacity));
      this.sims = grow(this.sims, new Float32Array(capacity));
    }
    this.fromIds[this.length] = from;
    this.toIds[this.length] = to;
    this.sims[this.length] = similarity;
    this.length++;
  }

  /** Both directions of every edge, grouped by node (compressed sparse rows). */
  toGraph(nodes: number): SimilarityGraph {
    const offsets = new Int32Array(nodes + 1);
    for (let e = 0; e < this.length; e++) {
      const a = (this.fromIds[e] ?? 0) + 1;
      const b = (this.toIds[e] ?? 0) + 1;
      offsets[a] = (offsets[a] ?? 0) + 1;
      offsets[b] = (offsets[b] ?? 0) + 1;
    }
    for (let i = 0; i < nodes; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
    const fill = offsets.slice(0, nodes);
    const neighbours = new Int32Array(this.length * 2);
    const similarities = new Float32Array(this.length * 2);
    for (let e = 0; e < this.length; e++) {
      const a = this.fromIds[e] ?? 0;
      const b = this.toIds[e] ?? 0;
      const s = this.sims[e] ?? 0;
      const at = fill[a] ?? 0;
      neighbours[at] = b;
      similarities[at] = s;
      fill[a] = at + 1;
      const bt = fill[b] ?? 0;
      neighbours[bt] = a;
      similarities[bt] = s;
      fill[b] = bt + 1;
    }
    return { nodes, offsets, neighbours, similarities };
  }
}

function grow<T extends Int32Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export interface SimilarityGraph {
  nodes: number;
  /** Node i's neighbours are `neighbours[offsets[i] .. offsets[i + 1])`. */
  offsets: Int32Array;
  neighbours: Int32Array;
  similarities: Float32Array;
}

/** The similarity graph of a set of items, and how central each member of a group is. */
export interface SimilaritySpace {
  graph: SimilarityGraph;
  /** Per member: the sum of its similarities to the group's other members, each counted as often as it was asked. */
  centrality(members: number[], counts: ArrayLike<number>): number[];
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
