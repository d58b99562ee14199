/**
 * What the composite defaults of `SegmentAttention` and its gradient share:
 * the attention of every node with every node, `[H, N, N]`, with pairs from
 * different segments masked out. O(N²) memory: the composite serves
 * correctness on any tfjs backend; the fast kernels never build it.
 */
import {
  div,
  equal,
  exp,
  expandDims,
  greater,
  greaterEqual,
  less,
  logicalAnd,
  matMul,
  max,
  mul,
  reshape,
  sub,
  sum,
  tensor,
  transpose,
  where,
  type Tensor,
} from '@tensorflow/tfjs-core';
import type { SegmentAttentionAttrs } from '../kernel_names.js';
import { dropoutKey, dropoutScale, dropoutThreshold, keepsEntry } from '../dropout_mask.js';

export interface DenseAttention {
  /** `[H, N, N]` softmax over the keys of each query's segment (0 elsewhere and for rows out of range). */
  readonly probabilities: Tensor;
  /** `[H, N, N]` dropout factors, or undefined without dropout. */
  readonly dropout: Tensor | undefined;
  /** `[H, N, D]` views of the inputs, heads first. */
  readonly query: Tensor;
  readonly key: Tensor;
}

/** `[N, H, D]` → `[H, N, D]`. */
export function headsFirst(x: Tensor): Tensor {
  return transpose(x, [1, 0, 2]);
}

/**
 * The mask of pair `(i, j, h)` drawn on the host, laid out `[H, N, N]`:
 * entry index `(i·N + j)·H + h` (uint32 wrap-around), as the kernels draw it.
 */
function dropoutFactors(numNodes: number, heads: number, attrs: SegmentAttentionAttrs): Tensor {
  const key = dropoutKey(attrs.seed);
  const threshold = dropoutThreshold(attrs.dropoutRate);
  const scale = dropoutScale(attrs.dropoutRate);
  const values = new Float32Array(heads * numNodes * numNodes);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < numNodes; i++) {
      for (let j = 0; j < numNodes; j++) {
        const index = (Math.imul(Math.imul(i, numNodes) + j, heads) + h) >>> 0;
        values[(h * numNodes + i) * numNodes + j] = keepsEntry(key, threshold, index) ? scale : 0;
      }
    }
  }
  return tensor(values, [heads, numNodes, numNodes], 'float32');
}

/** Dense masked attention of `query`, `key` (`[N, H, D]`) over `segmentIds`; call inside a `tidy`. */
export function denseAttention(queryIn: Tensor, keyIn: Tensor, segmentIds: Tensor, attrs: SegmentAttentionAttrs): DenseAttention {
  const [numNodes, heads] = queryIn.shape as [number, number, number];
  const query = headsFirst(queryIn);
  const key = headsFirst(keyIn);
  const scores = mul(matMul(query, key, false, true), attrs.scale);
  const valid = logicalAnd(greaterEqual(segmentIds, 0), less(segmentIds, attrs.numSegments));
  const rows = reshape(segmentIds, [numNodes, 1]);
  const cols = reshape(segmentIds, [1, numNodes]);
  // [1, N, N]: j is a key of query i.
  const pairs = expandDims(logicalAnd(equal(rows, cols), reshape(valid, [numNodes, 1])), 0);
  const masked = where(pairs, scores, -Infinity);
  const rowMax = max(masked, -1, true);
  // Rows out of range have no key: their maximum is -∞, replaced so nothing is NaN.
  const shift = where(greater(rowMax, -Infinity), rowMax, 0);
  const numerators = where(pairs, exp(sub(scores, shift)), 0);
  const totals = sum(numerators, -1, true);
  const probabilities = div(numerators, where(greater(totals, 0), totals, 1));
  const dropout = attrs.dropoutRate > 0 ? dropoutFactors(numNodes, heads, attrs) : undefined;
  return { probabilities, dropout, query, key };
}

/** `[H, N, D]` → `[N, H, D]`. */
export function nodesFirst(x: Tensor): Tensor {
  return transpose(x, [1, 0, 2]);
}

