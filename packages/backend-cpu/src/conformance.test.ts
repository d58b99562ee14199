import {
  AdamStep,
  AttentionProjection,
  AttentionProjectionGrad,
  DropoutMatMul,
  DropoutMatMulGrad,
  GNN_KERNEL_NAMES,
  GatAttention,
  SoftmaxAggregate,
  isCompositeKernel,
} from '@gnnjs/core';
import { conformanceCases, optionalKernelCases } from '@gnnjs/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelConfigs } from './index.js';

/** The optional fused kernels this package registers (apps/bench/LEVERS.md: each pays here). */
const OWN_OPTIONAL_KERNELS = [
  AdamStep,
  DropoutMatMul,
  DropoutMatMulGrad,
  AttentionProjection,
  AttentionProjectionGrad,
];

describe("GNN kernel conformance on 'cpu'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  for (const c of [...conformanceCases(), ...optionalKernelCases()]) it(c.name, () => c.run());

  it('ran this package’s kernels, not the composite defaults', () => {
    for (const name of [...GNN_KERNEL_NAMES, ...OWN_OPTIONAL_KERNELS]) {
      expect(isCompositeKernel(name, 'cpu'), name).toBe(false);
      expect(tf.getKernel(name, 'cpu')?.kernelFunc, name).toBe(kernelConfigs.find((k) => k.kernelName === name)?.kernelFunc);
    }
  });

  it('runs the composite attention aggregations (fused, they save nothing here)', () => {
    expect(isCompositeKernel(GatAttention, 'cpu')).toBe(true);
    expect(isCompositeKernel(SoftmaxAggregate, 'cpu')).toBe(true);
  });
});
