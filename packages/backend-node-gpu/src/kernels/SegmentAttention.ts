import { engine, tensor, tensor1d, tidy, zeros, type KernelConfig, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import {
  SegmentAttention,
  SegmentAttentionGrad,
  dropoutKey,
  dropoutScale,
  dropoutThreshold,
  keepsEntry,
  type SegmentAttentionAttrs,
  type SegmentAttentionGradInputs,
  type SegmentAttentionInputs,
} from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { TfOps } from './tf_ops.js';
import type { Supplied } from './supplied.js';

/** Every (query, key) pair of the same segment, query-major, as int32 tensors; the dropout factors `[P, H]` when asked. */
interface Pairs {
  queries: Tensor;
  keys: Tensor;
  count: number;
  dropout: Tensor | undefined;
}

/**
 * The pairs are listed on the host from the segment ids (read once per call:
 * O(N) to group, O(Σ n_s²) to list), so that TensorFlow's gathers and
 * segment sums run over exactly the pairs that exist, never a padded batch.
 */
function listPairs(segmentIds: TensorInfo, heads: number, attrs: SegmentAttentionAttrs): Pairs {
  const ids = engine().readSync(segmentIds.dataId) as Int32Array;
  const n = ids.length;
  const members: number[][] = Array.from({ length: attrs.numSegments }, () => []);
  ids.forEach((s, i) => {
    if (s >= 0 && s < attrs.numSegments) members[s]!.push(i);
  });
  const count = members.reduce((total, m) => total + m.length * m.length, 0);
  const queries = new Int32Array(count);
  const keys = new Int32Array(count);
  let p = 0;
  for (const m of members) {
    for (const i of m) {
      for (const j of m) {
        queries[p] = i;
        keys[p++] = j;
      }
    }
  }
  let dropout: Tensor | undefined;
  if (attrs.dropoutRate > 0) {
    const key = dropoutKey(attrs.seed);
    const threshold = dropoutThreshold(attrs.dropoutRate);
    const factor = dropoutScale(attrs.dropoutRate);
    const values = new Float32Array(count * heads);
    for (let q = 0; q < count; q++) {
      const base = Math.imul(Math.imul(queries[q]!, n) + keys[q]!, heads);
      for (let h = 0; h < heads; h++) values[q * heads + h] = keepsEntry(key, threshold, (base + h) >>> 0) ? factor : 0;
    }
    dropout = tensor(values, [count, heads], 'float32');
  }
  return { queries: tensor1d(queries, 'int32'), keys: tensor1d(keys, 'int32'), count, dropout };
}

/** Softmax over each query's pairs, `[P, H]`: `exp(s − max) / Σ exp(s − max)` with native segment reductions. */
function pairProbabilities(ops: TfOps, query: TensorInfo, key: TensorInfo, pairs: Pairs, numNodes: number, scale: number): Tensor {
  const dots = ops.sumLastAxis(ops.binary('Mul', ops.gather(query, pairs.queries), ops.gather(key, pairs.keys)));
  const scores = ops.binary('Mul', dots, ops.floatScalar(scale));
  const maxima = ops.unsortedSegment('UnsortedSegmentMax', scores, pairs.queries, numNodes);
  const exps = ops.unary('Exp', ops.binary('Sub', scores, ops.gather(maxima, pairs.queries)));
  const sums = ops.unsortedSegment('UnsortedSegmentSum', exps, pairs.queries, numNodes);
  return ops.binary('RealDiv', exps, ops.gather(sums, pairs.queries));
}

/** `[P, H]` → `[P, H, 1]`, to scale rows of `[P, H, D]`. */
function perChannel(ops: TfOps, x: Tensor, count: number, heads: number): Tensor {
  return ops.reshape(x, [count, heads, 1]);
}

/** `GatherV2` of the pairs' rows, the softmax per query, `UnsortedSegmentSum` of the weighted values. */
export const segmentAttentionConfig: KernelConfig = {
  kernelName: SegmentAttention,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { query, key, value, segmentIds } = inputs as Supplied<SegmentAttentionInputs>;
    const typed = attrs as unknown as SegmentAttentionAttrs;
    return tidy(() => {
      const [numNodes, heads] = query.shape as [number, number, number];
      const pairs = listPairs(segmentIds, heads, typed);
      if (pairs.count === 0 || heads === 0) return zeros(value.shape);
      const ops = tfOpsOf(backend, SegmentAttention);
      const probabilities = pairProbabilities(ops, query, key, pairs, numNodes, typed.scale);
      const weights = pairs.dropout === undefined ? probabilities : ops.binary('Mul', probabilities, pairs.dropout);
      const weighted = ops.binary('Mul', perChannel(ops, weights, pairs.count, heads), ops.gather(value, pairs.keys));
      return ops.unsortedSegment('UnsortedSegmentSum', weighted, pairs.queries, numNodes);
    });
  },
};

/**
 * The softmax-attention backward over the same pairs:
 * `dS = P·(m·⟨dy_i, v_j⟩ − ⟨dy_i, out_i⟩)·scale`, then `dQ`, `dK`, `dV` as
 * segment sums over queries or keys.
 */
export const segmentAttentionGradConfig: KernelConfig = {
  kernelName: SegmentAttentionGrad,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { query, key, value, segmentIds, output, dy } = inputs as Supplied<SegmentAttentionGradInputs>;
    const typed = attrs as unknown as SegmentAttentionAttrs;
    return tidy(() => {
      const [numNodes, heads] = query.shape as [number, number, number];
      const pairs = listPairs(segmentIds, heads, typed);
      if (pairs.count === 0 || heads === 0) return [zeros(query.shape), zeros(key.shape), zeros(value.shape)];
      const ops = tfOpsOf(backend, SegmentAttentionGrad);
      const p = pairProbabilities(ops, query, key, pairs, numNodes, typed.scale);
      const weights = pairs.dropout === undefined ? p : ops.binary('Mul', p, pairs.dropout);
      const upstream = ops.gather(dy, pairs.queries);
      const dWeights = ops.sumLastAxis(ops.binary('Mul', upstream, ops.gather(value, pairs.keys)));
      const dProbabilities = pairs.dropout === undefined ? dWeights : ops.binary('Mul', dWeights, pairs.dropout);
      const rowDots = ops.gather(ops.sumLastAxis(ops.binary('Mul', dy, output)), pairs.queries);
      const dScores = ops.binary('Mul', ops.binary('Mul', p, ops.binary('Sub', dProbabilities, rowDots)), ops.floatScalar(typed.scale));
      const dS = perChannel(ops, dScores, pairs.count, heads);
      const sumInto = (x: Tensor, ids: Tensor): Tensor => ops.unsortedSegment('UnsortedSegmentSum', x, ids, numNodes);
      return [
        sumInto(ops.binary('Mul', dS, ops.gather(key, pairs.keys)), pairs.queries),
        sumInto(ops.binary('Mul', dS, ops.gather(query, pairs.queries)), pairs.keys),
        sumInto(ops.binary('Mul', perChannel(ops, weights, pairs.count, heads), upstream), pairs.keys),
      ];
    });
  },
};

