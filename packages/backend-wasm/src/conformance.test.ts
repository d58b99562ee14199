import {
  AdamStep,
  AttentionProjection,
  AttentionProjectionGrad,
  DropoutMatMul,
  DropoutMatMulGrad,
  GNN_KERNEL_NAMES,
  GatAttention,
  GatAttentionGrad,
  SoftmaxAggregate,
  SoftmaxAggregateGrad,
  isCompositeKernel,
} from '@gnnjs/core';
import { conformanceCases, optionalKernelCases } from '@gnnjs/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelConfigs } from './index.js';

/** The optional fused kernels this package registers (apps/bench/LEVERS.md: each pays here). */
const OWN_OPTIONAL_KERNELS = [
  DropoutMatMul,
  DropoutMatMulGrad,
  AttentionProjection,
  AttentionProjectionGrad,
  SoftmaxAggregate,
  SoftmaxAggregateGrad,
  GatAttention,
  GatAttentionGrad,
];

describe("GNN kernel conformance on 'wasm'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  for (const c of [...conformanceCases(), ...optionalKernelCases()]) it(c.name, () => c.run());

  it('ran this package’s kernels, not the composite defaults', () => {
    for (const name of [...GNN_KERNEL_NAMES, ...OWN_OPTIONAL_KERNELS]) {
      expect(isCompositeKernel(name, 'wasm'), name).toBe(false);
      expect(tf.getKernel(name, 'wasm')?.kernelFunc, name).toBe(kernelConfigs.find((k) => k.kernelName === name)?.kernelFunc);
    }
  });

  it('runs the composite Adam step (tfjs-wasm’s SIMD element-wise ops beat a typed-array loop)', () => {
    expect(isCompositeKernel(AdamStep, 'wasm')).toBe(true);
  });
});
