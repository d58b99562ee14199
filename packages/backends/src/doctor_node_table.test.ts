import { BackendUnavailableError, getBackend } from '@gnnjs/core';
import { describe, expect, it, vi } from 'vitest';
import { BACKEND_NAMES, diagnoseBackends, useBackend } from './index.js';

// The real Node table and loaders, with Dawn and TensorFlow's binding faked: what
// the doctor reports is the same on every machine (a GPU, Vulkan or tfjs-node
// install here changes nothing).
vi.mock('@gnnjs/backend-webgpu/node', () => ({
  setupNodeWebGPU: () => Promise.resolve({ available: false, reason: 'Dawn found no adapter (fake: no Vulkan driver)' }),
}));
vi.mock('@gnnjs/backend-node-gpu', () => ({
  loadNodeBackend: (variant: 'node' | 'node-gpu') =>
    Promise.reject(
      Object.assign(new BackendUnavailableError(variant, `fake: ${variant}'s binding is missing`, `fake fix for ${variant}`), {
        diagnosis: { cause: 'binding-missing' },
      }),
    ),
}));

describe('diagnoseBackends (the Node table, Dawn and TensorFlow faked)', () => {
  it('reports every backend once, fastest first, with each failure, its cause and fix; auto takes wasm and says why', async () => {
    await useBackend('cpu');
    const diagnosis = await diagnoseBackends();
    expect(diagnosis).toEqual({
      backends: [
        {
          backend: 'webgpu',
          packageName: '@gnnjs/backend-webgpu',
          available: false,
          detail: 'Dawn found no adapter (fake: no Vulkan driver)',
          fix: expect.stringMatching(/^It needs a GPU with a WebGPU driver/) as unknown,
        },
        { backend: 'node-gpu', packageName: '@gnnjs/backend-node-gpu', available: false, detail: "fake: node-gpu's binding is missing", fix: 'fake fix for node-gpu', cause: 'binding-missing' },
        { backend: 'node', packageName: '@gnnjs/backend-node-gpu', available: false, detail: "fake: node's binding is missing", fix: 'fake fix for node', cause: 'binding-missing' },
        { backend: 'wasm', packageName: '@gnnjs/backend-wasm', available: true, detail: 'WebAssembly on the CPU (tfjs-backend-wasm)' },
        { backend: 'cpu', packageName: '@gnnjs/backend-cpu', available: true, detail: 'JavaScript on the CPU (tfjs-backend-cpu)' },
      ],
      auto: 'wasm',
      autoReason:
        'auto takes the fastest backend that initialises (webgpu > node-gpu > node > wasm > cpu): ' +
        'webgpu does not initialise here; node-gpu does not initialise here; node does not initialise here',
    });
    expect(diagnosis.backends.map((r) => r.backend)).toEqual(BACKEND_NAMES);
    // The caller's backend is active again.
    expect(getBackend()).toBe('cpu');
  });
});
