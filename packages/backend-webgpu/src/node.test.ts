import '@tensorflow/tfjs-backend-cpu';
// Loaded before Dawn is installed, so tfjs-backend-webgpu skips its own registration:
// setupNodeWebGPU must register the backend anyway.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, setBackend } from '@gnnjs/core';
import { describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { isSoftwareAdapter, type WebGPUAdapterSummary } from './adapter_info.js';
import { setupNodeWebGPU } from './node.js';
import { nodeWebGPUMissing } from './test_support/node_gpu.js';

const adapter = (fields: Partial<WebGPUAdapterSummary>): WebGPUAdapterSummary => ({
  vendor: '',
  architecture: '',
  device: '',
  description: '',
  isFallbackAdapter: false,
  ...fields,
});

describe('isSoftwareAdapter', () => {
  it.each([
    ['SwiftShader', adapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' })],
    ['llvmpipe', adapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })],
    ['lavapipe', adapter({ description: 'Vulkan: lavapipe' })],
    ['WARP', adapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })],
    ['a flagged fallback', adapter({ vendor: 'acme', isFallbackAdapter: true })],
  ])('recognises %s', (_, info) => expect(isSoftwareAdapter(info)).toBe(true));

  it.each([
    ['NVIDIA', adapter({ vendor: 'nvidia', architecture: 'ada', description: 'NVIDIA GeForce RTX 4090' })],
    ['Apple', adapter({ vendor: 'apple', architecture: 'metal-3' })],
    ['Intel', adapter({ vendor: 'intel', architecture: 'gen-12lp' })],
  ])('accepts %s hardware', (_, info) => expect(isSoftwareAdapter(info)).toBe(false));
});

const missing = await nodeWebGPUMissing();

describe.skipIf(missing !== undefined)(skipTitle('setupNodeWebGPU', missing), () => {
  it('finds the (software) adapter and registers the webgpu backend', async () => {
    const setup = await setupNodeWebGPU();
    expect(setup.available).toBe(true);
    if (!setup.available) return;
    expect(setup.software).toBe(true);
    expect(tf.findBackendFactory('webgpu')).not.toBeNull();
    expect(typeof (globalThis as { GPUBufferUsage?: { STORAGE?: number } }).GPUBufferUsage?.STORAGE).toBe('number');
  });

  it("is skipped by setBackend('auto') on a software adapter, yet can be chosen by name", async () => {
    await expect(setBackend('auto')).resolves.toBe('cpu');
    await expect(setBackend('webgpu')).resolves.toBe('webgpu');
    expect(getBackend()).toBe('webgpu');
    const sum = tf.sum(tf.tensor1d([1, 2, 3]));
    expect(Array.from(await sum.data())).toEqual([6]);
    sum.dispose();
  });
});
