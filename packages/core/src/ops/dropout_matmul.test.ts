import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DropoutMatMul, dropoutMatMul, hasBackendKernel, seededDropout } from '@gnnjs/core';

const x = (): tf.Tensor2D => tf.tensor2d([[1, 0, 2, 0], [0, 3, 0, 4], [5, 0, 0, 6]]);
const w = (): tf.Tensor2D => tf.tensor2d([[0.5, -1, 2, 1], [1, 1, -0.5, 0.25]]);

/** The kernels one call runs, by name. */
async function kernelsOf(f: () => tf.Tensor): Promise<string[]> {
  const info = await tf.profile(() => tf.tidy(f));
  tf.dispose(info.result as tf.Tensor);
  return info.kernelNames;
}

describe('dropoutMatMul', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    if (tf.getKernel(DropoutMatMul, 'cpu') !== undefined) tf.unregisterKernel(DropoutMatMul, 'cpu');
  });

  it("runs the two ops it fuses on a backend without its own kernel (tfjs's cpu here), same numbers, same gradients", async () => {
    expect(hasBackendKernel(DropoutMatMul, 'cpu')).toBe(false);
    const before = tf.memory().numTensors;
    expect(await kernelsOf(() => dropoutMatMul(x(), w(), 0.5, 7))).not.toContain(DropoutMatMul);
    expect(hasBackendKernel(DropoutMatMul, 'cpu')).toBe(false); // nor was its composite registered
    const [fused, unfused] = tf.tidy(() => {
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => dropoutMatMul(a as tf.Tensor2D, b as tf.Tensor2D, 0.5, 7);
      const g = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.matMul(seededDropout(a, 0.5, 7), tf.transpose(b));
      const dy = tf.ones([3, 2]);
      return [[f(x(), w()), ...tf.grads(f)([x(), w()], dy)], [g(x(), w()), ...tf.grads(g)([x(), w()], dy)]];
    });
    for (const [i, t] of fused!.entries()) expect(Array.from(t.dataSync())).toEqual(Array.from(unfused![i]!.dataSync()));
    tf.dispose([...fused!, ...unfused!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("dispatches to a backend's own kernel when it has one", async () => {
    let calls = 0;
    tf.registerKernel({
      kernelName: DropoutMatMul,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend }) => {
        calls++;
        const shape = [inputs['x']!.shape[0]!, inputs['weight']!.shape[0]!];
        type Maker = { makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo };
        return (backend as unknown as Maker).makeTensorInfo(shape, 'float32', new Float32Array(shape[0]! * shape[1]!));
      },
    });
    expect(hasBackendKernel(DropoutMatMul, 'cpu')).toBe(true);
    expect(await kernelsOf(() => dropoutMatMul(x(), w(), 0.5, 7))).toContain(DropoutMatMul);
    expect(calls).toBe(1);
  });
});
