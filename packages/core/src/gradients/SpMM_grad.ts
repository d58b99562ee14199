import { reshape, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { SpMM, type SpMMAttrs } from '../kernels/kernel_names.js';
import { sddmm } from '../ops/sddmm.js';
import { spmm } from '../ops/spmm.js';
import { indexGrad } from './index_grad.js';
import { reverseEdges } from './reverse_edges.js';

/**
 * `out[dst_e] += w[e] · x[src_e]`, so
 * - `d x = spmm(reversed edges, dy, w, numSrc)` (messages flow back to sources);
 * - `d w[e, ...W] = Σ_rest x[src_e, ...W, rest] · dy[dst_e, ...W, rest]`: an
 *   SDDMM `'dot'` after folding the axes `w` broadcasts over into one.
 *
 * The `spmm` op always hands the kernel a weight (ones when the caller gives
 * none): tfjs saves `inputsToSave` by name and cannot save an absent input.
 */
export const spmmGradConfig: GradConfig = {
  kernelName: SpMM,
  inputsToSave: ['edgeIndex', 'x', 'weight'],
  gradFunc: (dy, saved, attrs) => {
    const [edgeIndex, x, weight] = saved as [Tensor, Tensor, Tensor];
    const g = dy as Tensor;
    const { numDstNodes } = attrs as unknown as SpMMAttrs;
    return {
      x: () => spmm(reverseEdges(edgeIndex), g, weight, x.shape[0]!),
      weight: () => {
        const lead = weight.shape.slice(1);
        const rest = x.shape.slice(weight.rank).reduce((a, b) => a * b, 1);
        const xFolded = reshape(x, [x.shape[0]!, ...lead, rest]);
        const dyFolded = reshape(g, [numDstNodes, ...lead, rest]);
        return sddmm(edgeIndex, xFolded, dyFolded, 'dot');
      },
      edgeIndex: indexGrad(edgeIndex),
    };
  },
};
