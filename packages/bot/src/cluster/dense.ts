import { EdgeList, type SimilaritySpace, yieldToEventLoop } from './graph.js';
import { multiplyTransposed } from './matmul.js';

/** Rows per matrix product: 256 × 5,000 similarities (5 MB) at a time. */
const BLOCK_ROWS = 256;

/** All pairs of L2-normalised vectors whose cosine is at least `threshold`. */
export async function denseSpace(vectors: Float32Array[], threshold: number): Promise<SimilaritySpace> {
  const n = vectors.length;
  const dimensions = vectors[0]?.length ?? 0;
  const matrix = new Float32Array(n * dimensions);
  vectors.forEach((vector, i) => {
    matrix.set(vector.length === dimensions ? vector : new Float32Array(dimensions), i * dimensions);
  });
  const edges = new EdgeList();
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const rows = Math.min(BLOCK_ROWS, n - start);
    const width = n - start;
    const block = matrix.subarray(start * dimensions, (start + rows) * dimensions);
    const others = matrix.subarray(start * dimensions);
    const sims = await blockSimilarities(block, rows, others, width, dimensions);
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      for (let c = r + 1; c < width; c++) {
        const sim = sims[base + c] ?? 0;
        if (sim >= threshold) edges.add(start + r, start + c, Math.min(1, sim));
      }
    }
    await yieldToEventLoop();
  }
  return { graph: edges.toGraph(n), centrality: (members, counts) => centrality(matrix, dimensions, members, counts) };
}

/** Σ_b count_b·cos(a, b) over the other members = a · (Σ_b count_b·b) − cos(a, a): one pass over the members. */
function centrality(matrix: Float32Array, dimensions: number, members: number[], counts: ArrayLike<number>): number[] {
  const sum = new Float64Array(dimensions);
  for (const b of members) {
    const weight = counts[b] ?? 1;
    for (let k = 0; k < dimensions; k++) sum[k] = (sum[k] ?? 0) + weight * (matrix[b * dimensions + k] ?? 0);
  }
  return members.map((a) => {
    let dot = 0;
    let self = 0;
    for (let k = 0; k < dimensions; k++) {
      const x = matrix[a * dimensions + k] ?? 0;
      dot += x * (sum[k] ?? 0);
      self += x * x;
    }
    return dot - self;
  });
}

async function blockSimilarities(
  block: Float32Array,
  rows: number,
  others: Float32Array,
  width: number,
  dimensions: number,
): Promise<Float32Array> {
  try {
    return await multiplyTransposed(block, rows, others, width, dimensions);
  } catch {
    return dotProducts(block, rows, others, width, dimensions);
  }
}

/** The same product in plain JavaScript, if onnxruntime cannot run it. */
function dotProducts(block: Float32Array, rows: number, others: Float32Array, width: number, dimensions: number) {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const a = r * dimensions;
    for (let c = r + 1; c < width; c++) {
      const b = c * dimensions;
      let sum = 0;
      for (let k = 0; k < dimensions; k++) sum += (block[a + k] ?? 0) * (others[b + k] ?? 0);
      out[r * width + c] = sum;
    }
  }
  return out;
}
