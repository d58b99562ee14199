import { describe, expect, it } from 'vitest';
import { SWIFTSHADER_ICD, nodeWebGPUOptions } from './backends.js';

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
