import { axpy } from './axpy.js';

/**
 * Fused sparse × dense product, `out[dst_e] += weight[e] * x[src_e]`, in edge
 * order (deterministic) and without building the `[E, ...F]` message tensor.
 *
 * A row of `x` has `rowSize` values, viewed as `weightSize` groups of
 * `rowSize / weightSize` values; weight `w[e, g]` scales group `g`. This is
 * the `[E, ...W]` weight broadcast over the trailing axes of `F`: `weightSize`
 * is the product of `W` (1 for a weight of shape `[E]`).
 */
export interface SpMMDims {
  numSrcNodes: number;
  numDstNodes: number;
  rowSize: number;
  /** Values of the weight per edge; 0 when there is no weight (all ones). */
  weightSize: number;
}

/** Edges whose source or target lies outside the node range are skipped. */
export function spmmImpl(
  src: Int32Array,
  dst: Int32Array,
  x: Float32Array,
  weight: Float32Array | null,
  dims: SpMMDims,
  out: Float32Array,
): void {
  out.fill(0);
  const { numSrcNodes, numDstNodes, rowSize, weightSize } = dims;
  const numEdges = src.length;
  // `| 0` keeps offsets small integers, which V8 indexes typed arrays with fastest.
  const groupSize = (weight === null || weightSize === 0 ? rowSize : rowSize / weightSize) | 0;
  for (let e = 0; e < numEdges; e++) {
    const j = src[e]!;
    const i = dst[e]!;
    if (j < 0 || j >= numSrcNodes || i < 0 || i >= numDstNodes) continue;
    const xo = j * rowSize;
    const oo = i * rowSize;
    if (weight === null) {
      axpy(1, x, xo, out, oo, rowSize);
    } else if (groupSize === 1) {
      const wo = e * rowSize;
      for (let d = 0; d < rowSize; d++) out[oo + d] = out[oo + d]! + weight[wo + d]! * x[xo + d]!;
    } else if (groupSize === 8) {
      // Eight channels per head (GAT's default), unrolled: no call per head.
      const wo = e * weightSize;
      for (let g = 0; g < weightSize; g++) {
        const w = weight[wo + g]!;
        const xg = xo + g * 8;
        const og = oo + g * 8;
        out[og] = out[og]! + w * x[xg]!;
        out[og + 1] = out[og + 1]! + w * x[xg + 1]!;
        out[og + 2] = out[og + 2]! + w * x[xg + 2]!;
        out[og + 3] = out[og + 3]! + w * x[xg + 3]!;
        out[og + 4] = out[og + 4]! + w * x[xg + 4]!;
        out[og + 5] = out[og + 5]! + w * x[xg + 5]!;
        out[og + 6] = out[og + 6]! + w * x[xg + 6]!;
        out[og + 7] = out[og + 7]! + w * x[xg + 7]!;
      }
    } else {
      const wo = e * weightSize;
      for (let g = 0; g < weightSize; g++) axpy(weight[wo + g]!, x, xo + g * groupSize, out, oo + g * groupSize, groupSize);
    }
  }
}
