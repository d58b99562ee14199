import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { isCompositeKernel, registerKernelConfigs, segmentSum, SegmentSum } from '@gnnjs/core';

it("replaces a composite default registered before the backend package's kernels", async () => {
  await tf.setBackend('cpu');
  tf.dispose(segmentSum(tf.tensor2d([[1], [2]]), tf.tensor1d([0, 0], 'int32'), 1)); // registers the composite
  expect(isCompositeKernel(SegmentSum, 'cpu')).toBe(true);
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    registerKernelConfigs([
      { kernelName: SegmentSum, backendName: 'cpu', kernelFunc: ({ backend }) => (backend as tf.KernelBackend & { makeTensorInfo: (s: number[], d: string, v: Float32Array) => tf.TensorInfo }).makeTensorInfo([1, 1], 'float32', new Float32Array([42])) },
    ]);
  } finally {
    console.warn = warn;
  }
  expect(warnings).toEqual([]);
  expect(isCompositeKernel(SegmentSum, 'cpu')).toBe(false);
  const out = segmentSum(tf.tensor2d([[1], [2]]), tf.tensor1d([0, 0], 'int32'), 1);
  expect(out.arraySync()).toEqual([[42]]);
});
