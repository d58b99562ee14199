import {
  cast,
  equal,
  getBackend,
  getKernel,
  matMul,
  range,
  reshape,
  scatterND,
  unsortedSegmentSum,
  zeros,
  type Tensor,
  type Tensor1D,
} from '@tensorflow/tfjs-core';

/**
 * `out[s] = Σ_{e: ids[e] = s} data[e]` with a scatter the active backend
 * implements correctly, so the composites run everywhere:
 * - `UnsortedSegmentSum`, except on tfjs-cpu, whose version is O(N·E·D);
 * - `ScatterNd` (sums duplicate indices) on tfjs-cpu (O(E·D)) and where
 *   there is no `UnsortedSegmentSum` (tfjs-wasm). Not preferred elsewhere:
 *   tfjs-webgl 4.22's ScatterNd mis-sums updates computed on the GPU;
 * - else an `[N, E]` membership matrix times the `[E, D]` rows.
 * The result is deterministic wherever tfjs's scatter is (cpu, wasm, webgl),
 * not on webgpu, whose scatters add floats atomically in any order.
 */
export function scatterAddRows(data: Tensor, ids: Tensor, numSegments: number): Tensor {
  const numRows = data.shape[0]!;
  const rowShape = data.shape.slice(1);
  // Some backends reject an empty scatter; the answer is all zeros anyway.
  if (numRows === 0 || numSegments === 0) return zeros([numSegments, ...rowShape]);
  const backend = getBackend();
  const hasSegmentSum = getKernel('UnsortedSegmentSum', backend) !== undefined;
  if (hasSegmentSum && backend !== 'cpu') return unsortedSegmentSum(data, ids as Tensor1D, numSegments);
  if (getKernel('ScatterNd', backend) !== undefined) {
    return scatterND(reshape(ids, [numRows, 1]), data, [numSegments, ...rowShape]);
  }
  if (hasSegmentSum) return unsortedSegmentSum(data, ids as Tensor1D, numSegments);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  // membership[s, e] = (ids[e] == s); tf.oneHot would reject a depth of 1.
  const segments = reshape(range(0, numSegments, 1, 'int32'), [numSegments, 1]);
  const membership = cast(equal(segments, reshape(ids, [1, numRows])), 'float32');
  return reshape(matMul(membership, reshape(data, [numRows, rowSize])), [numSegments, ...rowShape]);
}
