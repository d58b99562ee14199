/**
 * Hand-computed cases for every kernel this package (and `@gnnjs/backend-wasm`)
 * registers, run through the public ops on the active backend. Each case
 * also checks that the backend's own kernel ran, not a composite default.
 */
import {
  gatherRows,
  GNN_KERNEL_NAMES,
  isCompositeKernel,
  sddmm,
  segmentMax,
  segmentMean,
  segmentMin,
  segmentSoftmax,
  segmentSum,
  spmm,
} from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertTensor } from './assert_tensor.js';

export interface KernelCase {
  name: string;
  run(): void;
}

/** Targets 1, 1, 0, 1 from sources 0, 1, 2, 2; nodes 2 and 3 receive nothing. */
const EDGES = [
  [0, 1, 2, 2],
  [1, 1, 0, 1],
];

function inTidy(name: string, body: () => void): KernelCase {
  return {
    name,
    run: () => {
      const before = tf.memory().numTensors;
      tf.tidy(body);
      const after = tf.memory().numTensors;
      if (after !== before) throw new Error(`${name} leaked ${after - before} tensors`);
    },
  };
}

/** The cases, to be run after `await tf.setBackend(...)`. */
export function kernelCases(): KernelCase[] {
  return [
    inTidy('GnnGatherRows picks rows, including repeats, of rank-2 and rank-3 inputs', () => {
      assertTensor(gatherRows(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), [2, 0, 2]), [5, 6, 1, 2, 5, 6], [3, 2]);
      const x = tf.tensor3d([[[1, 2]], [[3, 4]]]);
      assertTensor(gatherRows(x, [1]), [3, 4], [1, 1, 2]);
      assertTensor(gatherRows(x, tf.tensor1d([], 'int32')), [], [0, 1, 2]);
    }),
    inTidy('GnnSegmentSum sums unsorted segments and gives 0 to empty ones', () => {
      const data = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      assertTensor(segmentSum(data, [1, 0, 1, 3], 5), [3, 4, 6, 8, 0, 0, 7, 8, 0, 0], [5, 2]);
      assertTensor(segmentSum(tf.tensor1d([1, 2, 3]), [2, 2, 0], 3), [3, 0, 3], [3]);
    }),
    inTidy('GnnSegmentMean divides by the segment size and gives 0 to empty segments', () => {
      const data = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      assertTensor(segmentMean(data, [1, 0, 1, 3], 4), [3, 4, 3, 4, 0, 0, 7, 8], [4, 2]);
    }),
    inTidy('GnnSegmentMax takes element-wise maxima; empty segments give 0, not -Infinity', () => {
      const data = tf.tensor2d([[1, -2], [3, 4], [5, -6], [7, 8]]);
      assertTensor(segmentMax(data, [1, 0, 1, 3], 4), [3, 4, 5, -2, 0, 0, 7, 8], [4, 2]);
      assertTensor(segmentMax(tf.tensor1d([-5, -3]), [0, 0], 1), [-3], [1]);
    }),
    inTidy('GnnSegmentMin takes element-wise minima; empty segments give 0, not Infinity', () => {
      const data = tf.tensor2d([[1, -2], [3, 4], [5, -6], [7, 8]]);
      assertTensor(segmentMin(data, [1, 0, 1, 3], 4), [3, 4, 1, -6, 0, 0, 7, 8], [4, 2]);
    }),
    inTidy('GnnSegmentSoftmax normalises per segment and column, stably for large logits', () => {
      const logits = tf.tensor2d([[0, 0], [Math.log(3), 1000], [5, 2]]);
      assertTensor(segmentSoftmax(logits, [0, 0, 1], 3), [0.25, 0, 0.75, 1, 1, 1], [3, 2]);
    }),
    inTidy('GnnSpMM sums source rows into targets, without and with a per-edge weight', () => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      assertTensor(spmm(EDGES, x, undefined, 3), [5, 6, 9, 12, 0, 0], [3, 2]);
      assertTensor(spmm(EDGES, x, [1, 2, 3, 0.5], 3), [15, 18, 9.5, 13, 0, 0], [3, 2]);
    }),
    inTidy('GnnSpMM broadcasts a [E, H] weight over [N, H, C] features and takes a full [E, H, C] one', () => {
      const x = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]]);
      const edges = [[0, 2], [1, 1]];
      assertTensor(spmm(edges, x, [[1, 2], [3, 4]], 2), [0, 0, 0, 0, 28, 32, 50, 56], [2, 2, 2]);
      const full = tf.tensor3d([[[1, 1], [1, 1]], [[0, 1], [2, 0]]]);
      assertTensor(spmm(edges, x, full, 2), [0, 0, 0, 0, 1, 12, 25, 4], [2, 2, 2]);
    }),
    inTidy("GnnSDDMM computes 'add', 'mul' and 'dot' between source and target rows", () => {
      const lhs = tf.tensor2d([[1, 2], [3, 4]]);
      const rhs = tf.tensor2d([[10, 20], [30, 40], [50, 60]]);
      const edges = [[0, 1, 1], [2, 0, 1]];
      assertTensor(sddmm(edges, lhs, rhs, 'add'), [51, 62, 13, 24, 33, 44], [3, 2]);
      assertTensor(sddmm(edges, lhs, rhs, 'mul'), [50, 120, 30, 80, 90, 160], [3, 2]);
      assertTensor(sddmm(edges, lhs, rhs, 'dot'), [170, 110, 250], [3]);
      const heads = sddmm([[0], [0]], tf.tensor3d([[[1, 2], [3, 4]]]), tf.tensor3d([[[1, 1], [2, 0]]]), 'dot');
      assertTensor(heads, [3, 6], [1, 2]);
    }),
    inTidy('UnsortedSegmentSum drops out-of-range ids and returns float32, as tfjs does', () => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]], undefined, 'int32');
      assertTensor(tf.unsortedSegmentSum(x, tf.tensor1d([2, -1, 2], 'int32'), 3), [0, 0, 0, 0, 6, 8], [3, 2]);
      assertTensor(tf.unsortedSegmentSum(tf.tensor1d([true, false, true], 'bool'), tf.tensor1d([0, 0, 1], 'int32'), 2), [1, 1], [2]);
    }),
    inTidy('UnsortedSegmentSum takes segment ids over several leading axes (TensorFlow semantics)', () => {
      const x = tf.tensor3d([[[1, 0, 0], [0, 2, 0]], [[0, 0, 3], [4, 4, 4]]]);
      assertTensor(tf.unsortedSegmentSum(x, [[0, 1], [1, 0]], 2), [5, 4, 4, 0, 2, 3], [2, 3]);
    }),
    {
      name: 'every GNN kernel runs on the backend’s own kernel, not a composite default',
      run: () => {
        const backend = tf.getBackend();
        const composite = GNN_KERNEL_NAMES.filter((name) => isCompositeKernel(name, backend) || tf.getKernel(name, backend) === undefined);
        if (composite.length > 0) throw new Error(`composite or missing on ${backend}: ${composite.join(', ')}`);
      },
    },
  ];
}
