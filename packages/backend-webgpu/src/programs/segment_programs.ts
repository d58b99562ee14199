/**
 * Segment reductions over CSR-grouped rows: one invocation per output
 * element (segment × feature) walks its segment's edges in edge-id order, so
 * results are bit-identical from run to run whatever the GPU schedules.
 */
import type { FlatProgramSpec } from './flat_program.js';

export type SegmentReducer = 'sum' | 'mean' | 'max' | 'min';

const REDUCER: Record<SegmentReducer, { init: string; combine: string; finish: string }> = {
  sum: { init: '0.0', combine: 'acc + v', finish: 'acc' },
  mean: { init: '0.0', combine: 'acc + v', finish: 'select(0.0, acc / f32(end - start), end > start)' },
  max: { init: '-uniforms.INFINITY', combine: 'max(acc, v)', finish: 'select(0.0, acc, end > start)' },
  min: { init: 'uniforms.INFINITY', combine: 'min(acc, v)', finish: 'select(0.0, acc, end > start)' },
};

/**
 * `result[s, c] = reduce_{p in [indptr[s], indptr[s+1])} x[perm[p], c]`.
 * Inputs: `x` (`[E, rowSize]`), `perm`, `indptr`. Uniform: `rowSize`.
 */
export function segmentReduceProgram(reducer: SegmentReducer): FlatProgramSpec {
  const { init, combine, finish } = REDUCER[reducer];
  return {
    key: `gnnSegmentReduce_${reducer}`,
    inputs: ['x', 'perm', 'indptr'],
    uniforms: ['rowSize'],
    body: `
      let seg = index / uniforms.rowSize;
      let col = index - seg * uniforms.rowSize;
      let start = indptr[seg];
      let end = indptr[seg + 1];
      var acc : f32 = ${init};
      for (var p = start; p < end; p = p + 1) {
        let v = f32(x[perm[p] * uniforms.rowSize + col]);
        acc = ${combine};
      }
      result[index] = ${finish};
    `,
  };
}

/**
 * Fused edge softmax: one invocation per (segment, feature) computes the
 * segment maximum, the sum of exponentials and writes every normalised edge
 * value, in three passes over the segment's edges and without any
 * intermediate buffer. Inputs: `x` (`[E, rowSize]` logits), `perm`, `indptr`.
 */
export const SEGMENT_SOFTMAX: FlatProgramSpec = {
  key: 'gnnSegmentSoftmax',
  inputs: ['x', 'perm', 'indptr'],
  uniforms: ['rowSize'],
  body: `
    let seg = index / uniforms.rowSize;
    let col = index - seg * uniforms.rowSize;
    let start = indptr[seg];
    let end = indptr[seg + 1];
    var top : f32 = -uniforms.INFINITY;
    for (var p = start; p < end; p = p + 1) {
      top = max(top, f32(x[perm[p] * uniforms.rowSize + col]));
    }
    var total : f32 = 0.0;
    for (var p = start; p < end; p = p + 1) {
      total = total + exp(f32(x[perm[p] * uniforms.rowSize + col]) - top);
    }
    for (var p = start; p < end; p = p + 1) {
      let at = perm[p] * uniforms.rowSize + col;
      result[at] = exp(f32(x[at]) - top) / total;
    }
  `,
};
