/*
 * BM25 over knowledge-base variants (each question variant is a document), stored as a compressed inverted index:
 * per term a slice of variant ids and precomputed BM25 weights, so a query is a few array sweeps.
 */

const K1 = 1.2;
const B = 0.75;

/** One query's scores; valid until the next `score` call, which reuses the buffers. */
export interface Bm25Scores {
  /** Best BM25 score per entry (max over its variants); 0 for entries sharing no term with the query. */
  entryScores: Float32Array;
  /** Entries with a non-zero score: `touchedEntries[0..touchedCount)`. */
  touchedEntries: Int32Array;
  touchedCount: number;
  /** The query's score against an identical document: the scale for normalising entry scores to about 0..1. */
  selfScore: number;
  /** Share of the query's IDF mass made of terms the index knows. */
  coverage: number;
}

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly postingVariants: Int32Array;
  private readonly postingWeights: Float32Array;
  private readonly idf: Float32Array;
  private readonly avgLength: number;
  private readonly variantScores: Float32Array;
  private readonly touched: Int32Array;
  private readonly entryScores: Float32Array;
  private readonly touchedEntries: Int32Array;
  private touchedEntryCount = 0;

  /** `variantTerms[v]` are the terms of variant v; `variantEntry[v]` its entry index. */
  constructor(
    variantTerms: readonly (readonly string[])[],
    private readonly variantEntry: Int32Array,
    entryCount: number,
  ) {
    const n = variantTerms.length;
    const termFrequencies: Map<number, number>[] = [];
    const documentFrequency: number[] = [];
    let totalLength = 0;
    for (const terms of variantTerms) {
      totalLength += terms.length;
      const tf = new Map<number, number>();
      for (const term of terms) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(term, id);
          documentFrequency.push(0);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const id of tf.keys()) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      termFrequencies.push(tf);
    }
    this.avgLength = n > 0 ? Math.max(1, totalLength / n) : 1;
    const termCount = this.termIds.size;
    this.idf = new Float32Array(termCount);
    this.offsets = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) {
      const df = documentFrequency[t] ?? 0;
      this.idf[t] = idfOf(df, n);
      this.offsets[t + 1] = (this.offsets[t] ?? 0) + df;
    }
    const postings = this.offsets[termCount] ?? 0;
    this.postingVariants = new Int32Array(postings);
    this.postingWeights = new Float32Array(postings);
    const fill = this.offsets.slice(0, termCount);
    for (let v = 0; v < n; v++) {
      const tfs = termFrequencies[v];
      if (!tfs) continue;
      const length = variantTerms[v]?.length ?? 0;
      const norm = K1 * (1 - B + (B * length) / this.avgLength);
      for (const [t, tf] of tfs) {
        const at = fill[t] ?? 0;
        fill[t] = at + 1;
        this.postingVariants[at] = v;
        this.postingWeights[at] = ((this.idf[t] ?? 0) * tf * (K1 + 1)) / (tf + norm);
      }
    }
    this.variantScores = new Float32Array(n);
    this.touched = new Int32Array(n);
    this.entryScores = new Float32Array(entryCount);
    this.touchedEntries = new Int32Array(entryCount);
  }

  get variantCount(): number {
    return this.variantScores.length;
  }

  score(queryTerms: readonly string[]): Bm25Scores {
    const n = this.variantScores.length;
    for (let i = 0; i < this.touchedEntryCount; i++) this.entryScores[this.touchedEntries[i] ?? 0] = 0;
    this.touchedEntryCount = 0;
    const counts = new Map<string, number>();
    for (const term of queryTerms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const queryNorm = K1 * (1 - B + (B * queryTerms.length) / this.avgLength);
    let selfScore = 0;
    let knownIdf = 0;
    let allIdf = 0;
    let touchedCount = 0;
    for (const [term, qtf] of counts) {
      const t = this.termIds.get(term);
      const idf = t === undefined ? idfOf(0, n) : (this.idf[t] ?? 0);
      selfScore += (idf * qtf * (K1 + 1)) / (qtf + queryNorm);
      allIdf += idf;
      if (t === undefined) continue;
      knownIdf += idf;
      const end = this.offsets[t + 1] ?? 0;
      for (let p = this.offsets[t] ?? 0; p < end; p++) {
        const v = this.postingVariants[p] ?? 0;
        const before = this.variantScores[v] ?? 0;
        if (before === 0) this.touched[touchedCount++] = v;
        this.variantScores[v] = before + (this.postingWeights[p] ?? 0);
      }
    }
    const entryScores = this.entryScores;
    for (let i = 0; i < touchedCount; i++) {
      const v = this.touched[i] ?? 0;
      const s = this.variantScores[v] ?? 0;
      this.variantScores[v] = 0;
      const e = this.variantEntry[v] ?? 0;
      const before = entryScores[e] ?? 0;
      if (before === 0) this.touchedEntries[this.touchedEntryCount++] = e;
      if (s > before) entryScores[e] = s;
    }
    return {
      entryScores,
      touchedEntries: this.touchedEntries,
      touchedCount: this.touchedEntryCount,
      selfScore,
      coverage: allIdf > 0 ? knownIdf / allIdf : 0,
    };
  }
}

function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
