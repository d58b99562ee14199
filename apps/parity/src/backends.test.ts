import { describe, expect, it } from 'vitest';
import { SWIFTSHADER_ICD, nodeWebGPUOptions, skipRepeats } from './backends.js';

describe('nodeWebGPUOptions', () => {
  it('points Dawn at SwiftShader when it is installed and no ICD is set', () => {
    expect(nodeWebGPUOptions({}, (p) => p === SWIFTSHADER_ICD)).toEqual({ vulkanIcd: SWIFTSHADER_ICD });
  });

  it('leaves an ICD named by the environment alone', () => {
    expect(nodeWebGPUOptions({ VK_ICD_FILENAMES: '/etc/vulkan/icd.d/nvidia_icd.json' }, () => true)).toEqual({});
  });

  it('sets nothing without SwiftShader', () => {
    expect(nodeWebGPUOptions({}, () => false)).toEqual({});
  });
});

describe('skipRepeats', () => {
  it('runs TensorFlow once when both node-gpu and node work, and keeps every other probe', () => {
    const works = (backend: 'node-gpu' | 'node' | 'cpu') => ({ backend, packageName: 'p', available: true, detail: 'ok' }) as const;
    const webgpu = { backend: 'webgpu', packageName: 'p', available: false, detail: 'no adapter' } as const;
    expect(skipRepeats([webgpu, works('node-gpu'), works('node'), works('cpu')])).toEqual([
      webgpu,
      works('node-gpu'),
      { backend: 'node', packageName: 'p', available: false, detail: "the same tfjs backend ('tensorflow') as node-gpu, which runs" },
      works('cpu'),
    ]);
  });
});
