/*
 * Dense matrix product on onnxruntime's CPU kernels (SIMD GEMM), about 30 times faster than a JavaScript loop: all
 * pairwise cosines of 5,000 embeddings take a fraction of a second instead of several seconds. The one-node ONNX graph
 * `Y = Gemm(A, B, transB=1)` = A·Bᵀ is encoded here directly (a few protobuf fields), so no model file is needed.
 */
import * as ort from 'onnxruntime-node';

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;
const ONNX_FLOAT = 1;
const ATTRIBUTE_INT = 2;

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function intField(field: number, value: number): number[] {
  return [...varint((field << 3) | WIRE_VARINT), ...varint(value)];
}

function bytesField(field: number, payload: number[] | string): number[] {
  const bytes = typeof payload === 'string' ? [...Buffer.from(payload, 'utf8')] : payload;
  return [...varint((field << 3) | WIRE_BYTES), ...varint(bytes.length), ...bytes];
}

/** ValueInfoProto for a float tensor whose dimensions are symbolic names. */
function floatTensorInfo(name: string, dims: [string, string]): number[] {
  const shape = dims.flatMap((dim) => bytesField(1, bytesField(2, dim)));
  const tensorType = [...intField(1, ONNX_FLOAT), ...bytesField(2, shape)];
  return [...bytesField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

function gemmModel(): Uint8Array {
  const transB = [...bytesField(1, 'transB'), ...intField(3, 1), ...intField(20, ATTRIBUTE_INT)];
  const node = [
    ...bytesField(1, 'A'),
    ...bytesField(1, 'B'),
    ...bytesField(2, 'Y'),
    ...bytesField(4, 'Gemm'),
    ...bytesField(5, transB),
  ];
  const graph = [
    ...bytesField(1, node),
    ...bytesField(2, 'gemm'),
    ...bytesField(11, floatTensorInfo('A', ['m', 'k'])),
    ...bytesField(11, floatTensorInfo('B', ['n', 'k'])),
    ...bytesField(12, floatTensorInfo('Y', ['m', 'n'])),
  ];
  const opset = [...bytesField(1, ''), ...intField(2, 13)];
  return Uint8Array.from([...intField(1, 7), ...bytesField(7, graph), ...bytesField(8, opset)]);
}

let session: Promise<ort.InferenceSession> | undefined;

function matmulSession(): Promise<ort.InferenceSession> {
  session ??= ort.InferenceSession.create(gemmModel(), {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  return session;
}

/** `a` (m × k) times the transpose of `b` (n × k), both row-major: the m × n matrix of row dot products. */
export async function multiplyTransposed(
  a: Float32Array,
  m: number,
  b: Float32Array,
  n: number,
  k: number,
): Promise<Float32Array> {
  const run = await matmulSession();
  const result = await run.run({
    A: new ort.Tensor('float32', a, [m, k]),
    B: new ort.Tensor('float32', b, [n, k]),
  });
  const y = result.Y;
  if (!y || !(y.data instanceof Float32Array)) throw new Error('gemm: unexpected output');
  return y.data;
}
