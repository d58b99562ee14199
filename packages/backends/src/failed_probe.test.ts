import { NodeBackendUnavailableError } from '@gnnjs/backend-node-gpu';
import { describe, expect, it } from 'vitest';
import { failedProbe } from './make_table.js';

describe('failedProbe', () => {
  it("keeps the native backend's diagnosed cause", () => {
    const error = new NodeBackendUnavailableError('node-gpu', [
      { cause: 'cuda-missing', packageName: '@tensorflow/tfjs-node-gpu', reason: 'libcudart.so.11.0 is not on the library path', fix: 'Install CUDA 11.2.' },
    ]);
    expect(failedProbe({ name: 'node-gpu', packageName: '@gnnjs/backend-node-gpu' }, error)).toEqual({
      backend: 'node-gpu',
      packageName: '@gnnjs/backend-node-gpu',
      available: false,
      detail: 'libcudart.so.11.0 is not on the library path',
      fix: 'Install CUDA 11.2.',
      cause: 'cuda-missing',
    });
  });

  it('reads an error that is not a BackendUnavailableError as a failed probe', () => {
    expect(failedProbe({ name: 'wasm', packageName: '@gnnjs/backend-wasm' }, new Error('boom\nat x'))).toEqual({
      backend: 'wasm',
      packageName: '@gnnjs/backend-wasm',
      available: false,
      detail: 'probe failed: boom',
    });
  });
});
