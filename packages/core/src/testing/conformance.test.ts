import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GNN_KERNEL_NAMES, GatherRows, isCompositeKernel } from '@gnnjs/core';
import { conformanceCases, optionalKernelCases, runConformanceSuite, type TestFramework } from '@gnnjs/core/testing';

// tfjs-cpu has no GNN kernels, so every case here runs the composite defaults.
// (Checked by hand on raw tfjs-wasm and, in Chromium, tfjs-webgl: all pass.)
describe('composite kernels on tfjs-cpu', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases = conformanceCases();

  it('covers every kernel', () => {
    expect(new Set(cases.map((c) => c.kernel))).toEqual(new Set(GNN_KERNEL_NAMES));
    expect(cases.length).toBeGreaterThan(80);
  });

  for (const c of cases) it(c.name, () => c.run());

  it('ran the composites, not some other kernel', () => {
    for (const name of GNN_KERNEL_NAMES) expect(isCompositeKernel(name, 'cpu')).toBe(true);
  });
});

describe('the optional fused kernels on tfjs-cpu (their composites)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of optionalKernelCases()) it(c.name, () => c.run());
});

describe('the suite can fail', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('rejects a result outside the tolerance, and frees what it read', async () => {
    const [strict] = conformanceCases({ kernels: [GatherRows], tolerance: { absolute: -1, relative: 0 } });
    const before = tf.memory().numTensors;
    await expect(strict!.run()).rejects.toThrow(/elements differ from the float64 reference/);
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('with a kernel that leaks a tensor per call', () => {
    let original: tf.KernelConfig | undefined;
    beforeAll(async () => {
      await conformanceCases({ kernels: [GatherRows] })[0]!.run(); // registers the composite
      original = tf.getKernel(GatherRows, 'cpu')!;
      tf.unregisterKernel(GatherRows, 'cpu');
      tf.registerKernel({
        ...original,
        kernelFunc: (args) => {
          tf.keep(tf.zeros([1]));
          return original!.kernelFunc(args);
        },
      });
    });
    afterAll(() => {
      tf.unregisterKernel(GatherRows, 'cpu');
      tf.registerKernel(original!);
    });

    it('fails the no-leak case and only that one', async () => {
      const cases = conformanceCases({ kernels: [GatherRows] });
      const noLeak = cases.find((c) => c.name.includes('frees its intermediates'))!;
      await expect(noLeak.run()).rejects.toThrow(/left \d+ tensors behind/);
      await expect(cases[0]!.run()).resolves.toBeUndefined();
    });
  });
});

describe('runConformanceSuite', () => {
  /** A framework that records the tests instead of running them. */
  const recorder = (): { framework: TestFramework; tests: Map<string, () => void | Promise<void>> } => {
    const tests = new Map<string, () => void | Promise<void>>();
    return { tests, framework: { describe: (_name, body) => body(), it: (name, body) => void tests.set(name, body) } };
  };

  it('switches the backend in a first test, then awaits each case on it', async () => {
    const { framework, tests } = recorder();
    runConformanceSuite('cpu', framework, { kernels: [GatherRows] });
    const [switchTest, ...caseTests] = [...tests.values()];
    expect([...tests.keys()][0]).toBe("switches to 'cpu'");
    await switchTest!();
    expect(caseTests.length).toBe(conformanceCases({ kernels: [GatherRows] }).length);
    for (const test of caseTests) await expect(test()).resolves.toBeUndefined();
  });

  it('fails a case when another backend is active', async () => {
    const { framework, tests } = recorder();
    runConformanceSuite('not-registered', framework, { kernels: [GatherRows] });
    await tf.setBackend('cpu');
    const caseTest = [...tests.values()][1]!;
    await expect(async () => caseTest()).rejects.toThrow(/active backend is 'cpu', expected 'not-registered'/);
  });
});
