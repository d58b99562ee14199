import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  GNN_KERNEL_NAMES,
  GnnError,
  SegmentSum,
  SpMM,
  isCompositeKernel,
  missingGnnKernels,
  registerBackendKernels,
  registerKernelConfigs,
  segmentSum,
} from '@gnnjs/core';

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

it("registers a backend's kernels only when they cover every GNN kernel, all for that backend", async () => {
  await tf.setBackend('cpu');
  const config = (kernelName: string, backendName = 'cpu'): tf.KernelConfig => ({ kernelName, backendName, kernelFunc: () => ({}) as tf.TensorInfo });
  const all = GNN_KERNEL_NAMES.map((name) => config(name));
  expect(missingGnnKernels('cpu', all)).toEqual([]);
  const withoutSpMM = all.filter((c) => c.kernelName !== SpMM);
  expect(missingGnnKernels('cpu', withoutSpMM)).toEqual([SpMM]);
  expect(() => registerBackendKernels('cpu', withoutSpMM)).toThrow(/^backend 'cpu' has no kernel for GnnSpMM$/);
  expect(() => registerBackendKernels('cpu', [...withoutSpMM, config(SpMM, 'wasm')])).toThrow(GnnError);
  expect(tf.getKernel(GNN_KERNEL_NAMES[0], 'cpu')?.kernelFunc).not.toBe(all[0]!.kernelFunc); // nothing was registered
});
