import { reshape, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { SDDMM, type SDDMMAttrs } from '../kernels/kernel_names.js';
import { edgeEndpoints } from '../kernels/composite/edge_endpoints.js';
import { segmentSum } from '../ops/segment_reduce.js';
import { spmm } from '../ops/spmm.js';
import { indexGrad } from './index_grad.js';
import { reverseEdges } from './reverse_edges.js';

/**
 * Each edge's upstream gradient goes back to its two endpoints:
 * - `'add'`: `d lhs = segmentSum(dy, src)`, `d rhs = segmentSum(dy, dst)`;
 * - `'mul'` and `'dot'`: `d lhs = spmm(reversed edges, rhs, dy)`,
 *   `d rhs = spmm(edges, lhs, dy)`; `dy` is the SpMM weight, of the full row
 *   shape for `'mul'` and broadcast over the summed last axis for `'dot'`.
 */
export const sddmmGradConfig: GradConfig = {
  kernelName: SDDMM,
  inputsToSave: ['edgeIndex', 'lhs', 'rhs'],
  gradFunc: (dy, saved, attrs) => {
    const [edgeIndex, lhs, rhs] = saved as [Tensor, Tensor, Tensor];
    const g = dy as Tensor;
    const numSrc = lhs.shape[0]!;
    const numDst = rhs.shape[0]!;
    if ((attrs as unknown as SDDMMAttrs).op === 'add') {
      return {
        lhs: () => segmentSum(g, edgeEndpoints(edgeIndex).src, numSrc),
        rhs: () => segmentSum(g, edgeEndpoints(edgeIndex).dst, numDst),
        edgeIndex: indexGrad(edgeIndex),
      };
    }
    // SpMM wants node rows of rank >= 2: rank-1 'mul' features get a unit axis.
    const unit = lhs.rank === 1;
    const rowsOf = (t: Tensor): Tensor => (unit ? reshape(t, [t.shape[0]!, 1]) : t);
    const back = (t: Tensor, like: Tensor): Tensor => reshape(t, like.shape);
    return {
      lhs: () => back(spmm(reverseEdges(edgeIndex), rowsOf(rhs), rowsOf(g), numSrc), lhs),
      rhs: () => back(spmm(edgeIndex, rowsOf(lhs), rowsOf(g), numDst), rhs),
      edgeIndex: indexGrad(edgeIndex),
    };
  },
};
