/**
 * Sampled dense-dense operations: per-edge values from the source row of
 * `lhs` and the target row of `rhs`, read in place (rows are never gathered
 * into an `[E, ...F]` tensor first).
 */
import type { SDDMMOp } from '@gnnjs/core';

export interface SDDMMDims {
  numSrcNodes: number;
  numDstNodes: number;
  /** Values per node row of `lhs` and `rhs`. */
  rowSize: number;
  /** Length of the last axis, summed over by `'dot'`. */
  lastDim: number;
}

/**
 * `'add'` / `'mul'`: `out[e, :] = lhs[src_e, :] ∘ rhs[dst_e, :]` (`rowSize`
 * values per edge). `'dot'`: `out[e, g] = Σ_c lhs[src_e, g, c] * rhs[dst_e, g, c]`
 * (`rowSize / lastDim` values per edge). Edges out of the node range give 0.
 */
export function sddmmImpl(
  src: Int32Array,
  dst: Int32Array,
  lhs: Float32Array,
  rhs: Float32Array,
  op: SDDMMOp,
  dims: SDDMMDims,
  out: Float32Array,
): void {
  const { numSrcNodes, numDstNodes, rowSize, lastDim } = dims;
  const numEdges = src.length;
  // `| 0` keeps offsets small integers, which V8 indexes typed arrays with fastest.
  const outRow = (op === 'dot' ? (lastDim === 0 ? 0 : rowSize / lastDim) : rowSize) | 0;
  for (let e = 0; e < numEdges; e++) {
    const j = src[e]!;
    const i = dst[e]!;
    const oo = e * outRow;
    if (j < 0 || j >= numSrcNodes || i < 0 || i >= numDstNodes) {
      out.fill(0, oo, oo + outRow);
      continue;
    }
    const lo = j * rowSize;
    const ro = i * rowSize;
    if (op === 'add') {
      for (let d = 0; d < rowSize; d++) out[oo + d] = lhs[lo + d]! + rhs[ro + d]!;
    } else if (op === 'mul') {
      for (let d = 0; d < rowSize; d++) out[oo + d] = lhs[lo + d]! * rhs[ro + d]!;
    } else if (lastDim === 8) {
      // Eight channels per head (GAT's default), unrolled.
      for (let g = 0; g < outRow; g++) {
        const lg = lo + g * 8;
        const rg = ro + g * 8;
        out[oo + g] =
          lhs[lg]! * rhs[rg]! + lhs[lg + 1]! * rhs[rg + 1]! + lhs[lg + 2]! * rhs[rg + 2]! + lhs[lg + 3]! * rhs[rg + 3]! +
          lhs[lg + 4]! * rhs[rg + 4]! + lhs[lg + 5]! * rhs[rg + 5]! + lhs[lg + 6]! * rhs[rg + 6]! + lhs[lg + 7]! * rhs[rg + 7]!;
      }
    } else {
      for (let g = 0; g < outRow; g++) {
        const lg = lo + g * lastDim;
        const rg = ro + g * lastDim;
        let acc = 0;
        for (let c = 0; c < lastDim; c++) acc += lhs[lg + c]! * rhs[rg + c]!;
        out[oo + g] = acc;
      }
    }
  }
}
