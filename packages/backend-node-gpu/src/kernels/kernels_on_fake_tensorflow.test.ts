// The native kernels against core's conformance suite, on a simulated
// `tensorflow` backend (tfjs-cpu executing the TensorFlow ops by name, with
// TensorFlow's OpDefs checked). The real binding is tested in
// ../native_conformance.test.ts where it loads.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GNN_KERNEL_NAMES, isCompositeKernel, segmentMax, segmentMean, segmentMin, spmm } from '@gnnjs/core';
import { conformanceCases, optionalKernelCases } from '@gnnjs/core/testing';
import '../register_all_kernels.js';
import { registerFakeTensorflowBackend, type FakeTensorflowBackend } from '../test_support/fake_tensorflow_backend.js';

registerFakeTensorflowBackend();

function fakeBackend(): FakeTensorflowBackend {
  return tf.findBackend('tensorflow') as FakeTensorflowBackend;
}

describe('native GNN kernels on a simulated tensorflow backend', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('tensorflow')).toBe(true);
  });

  it('registers a kernel for every GNN kernel name', () => {
    for (const name of GNN_KERNEL_NAMES) expect(tf.getKernel(name, 'tensorflow'), name).toBeDefined();
  });

  it('gives 0 for empty segments where TensorFlow fills max/min with ±FLT_MAX', () => {
    const data = tf.tensor2d([[1, -2], [3, 4], [-5, 6]]);
    const ids = tf.tensor1d([0, 2, 0], 'int32');
    expect(segmentMax(data, ids, 4).arraySync()).toEqual([[1, 6], [0, 0], [3, 4], [0, 0]]);
    expect(segmentMin(data, ids, 4).arraySync()).toEqual([[-5, -2], [0, 0], [3, 4], [0, 0]]);
    expect(segmentMean(data, ids, 4).arraySync()).toEqual([[-2, 2], [0, 0], [3, 4], [0, 0]]);
    tf.dispose([data, ids]);
  });

  it('runs TensorFlow ops, not tfjs kernels, for the GNN work', () => {
    const ops = fakeBackend().executedOps;
    ops.length = 0;
    tf.tidy(() => spmm([[0, 1], [1, 1]], [[1, 2], [3, 4]], [2, 3], 2));
    expect(ops.filter((op) => op === 'GatherV2' || op === 'Mul' || op === 'UnsortedSegmentSum')).toEqual([
      'GatherV2',
      'GatherV2',
      'Mul',
      'GatherV2',
      'UnsortedSegmentSum',
    ]);
  });

  const cases = conformanceCases();
  for (const c of cases) it(c.name, () => c.run());

  // The optional fused kernels have no native versions: their composites run on TensorFlow's ops.
  for (const c of optionalKernelCases()) it(c.name, () => c.run());

  it('never fell back to a composite kernel', () => {
    for (const name of GNN_KERNEL_NAMES) expect(isCompositeKernel(name, 'tensorflow'), name).toBe(false);
  });
});
