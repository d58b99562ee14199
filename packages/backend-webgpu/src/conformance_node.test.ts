/**
 * Core's GNN kernel conformance suite on 'webgpu' in Node: Dawn, on
 * SwiftShader where there is no GPU. The cases read results with
 * `await tensor.data()`, which Node's WebGPU supports (its synchronous read
 * needs an OffscreenCanvas). Without Dawn or a Vulkan driver the suite is
 * skipped with one printed line; on CI it fails instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GNN_KERNEL_NAMES, isCompositeKernel } from '@gnnjs/core';
import { conformanceCases, optionalKernelCases } from '@gnnjs/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { nodeWebGPUMissing } from './test_support/node_gpu.js';

const missing = await nodeWebGPUMissing();

describe.skipIf(missing !== undefined)(skipTitle("GNN kernel conformance on 'webgpu' in Node", missing), () => {
  beforeAll(async () => {
    expect(await tf.setBackend('webgpu')).toBe(true);
  });

  const cases = conformanceCases();

  it('covers every kernel', () => {
    expect(new Set(cases.map((c) => c.kernel))).toEqual(new Set(GNN_KERNEL_NAMES));
  });

  for (const c of cases) it(c.name, () => c.run());

  // The optional fused kernels have no WGSL versions: their composites run here.
  for (const c of optionalKernelCases()) it(c.name, () => c.run());

  it('ran the WGSL kernels, not the composite defaults', () => {
    for (const name of GNN_KERNEL_NAMES) expect(isCompositeKernel(name, 'webgpu'), name).toBe(false);
  });
});
