import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import '@gnnjs/core';

/**
 * Central finite differences of a scalar function, in float32 through tfjs
 * itself, against `tf.grad`. Inputs stay away from kinks (relu at 0).
 */
function expectGradMatchesFiniteDifferences(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h = 1e-2): void {
  const analytic = tf.tidy(() => tf.grad(f)(x)).arraySync() as unknown;
  const flatX = x.dataSync();
  const numeric = new Float64Array(flatX.length);
  for (let i = 0; i < flatX.length; i++) {
    const at = (delta: number): number =>
      tf.tidy(() => {
        const values = Float32Array.from(flatX);
        values[i] = values[i]! + delta;
        return f(tf.tensor(values, x.shape)).dataSync()[0]!;
      });
    numeric[i] = (at(h) - at(-h)) / (2 * h);
  }
  const flatAnalytic = tf.tensor(analytic as number[]).dataSync();
  expect(flatAnalytic.length).toBe(numeric.length);
  numeric.forEach((n, i) => expect(Math.abs(flatAnalytic[i]! - n)).toBeLessThan(5e-3 + 1e-2 * Math.abs(n)));
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor | number[] | number[][]): void {
  const want = expected instanceof tf.Tensor ? expected.dataSync() : (expected.flat() as number[]);
  const got = actual.dataSync();
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-5 + 1e-4 * Math.abs(want[i]!)));
}

const x23 = (): tf.Tensor2D => tf.tensor2d([[0.5, -1.2, 2.0], [-0.3, 0.8, -2.5]]);

describe("gradients of tfjs-core's own ops in Node", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('registers gradients that the CJS main lacks', () => {
    for (const kernel of ['Relu', 'Elu', 'LeakyRelu', 'BatchMatMul', 'Add', 'Sum', 'LogSoftmax', 'Concat', 'Reshape', 'Transpose', 'GatherV2']) {
      expect(tf.getGradient(kernel), kernel).toBeDefined();
    }
  });

  it('relu: known values', () => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.relu(x)))(x23());
    expect(g.arraySync()).toEqual([[1, 0, 1], [0, 1, 0]]);
  });

  it('elu', () => expectGradMatchesFiniteDifferences((x) => tf.sum(tf.mul(tf.elu(x), x)), x23()));

  it('leakyRelu', () => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.leakyRelu(x, 0.2)))(x23());
    expect(Array.from(g.dataSync())).toEqual([1, 0.2, 1, 0.2, 1, 0.2].map(Math.fround));
  });

  it('matMul (both operands)', () => {
    const a = x23();
    const b = tf.tensor2d([[1, 2], [-1, 0.5], [0.3, -0.7]]);
    const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.matMul(p, q)))([a, b]);
    // d/dA sum(A B) = 1 Bᵀ, d/dB = Aᵀ 1.
    expectClose(da!, [[3, -0.5, -0.4], [3, -0.5, -0.4]]);
    expectClose(db!, [[0.2, 0.2], [-0.4, -0.4], [-0.5, -0.5]]);
  });

  it('add with broadcasting reduces the gradient to the bias shape', () => {
    const bias = tf.tensor1d([1, 2, 3]);
    const [dx, db] = tf.grads((x: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.add(x, b))))([x23(), bias]);
    expect(db!.shape).toEqual([3]);
    expectClose(db!, [2 * (1.5 + 0.7), 2 * (0.8 + 2.8), 2 * (5 + 0.5)]);
    expect(dx!.shape).toEqual([2, 3]);
  });

  it('sum over an axis', () => expectGradMatchesFiniteDifferences((x) => tf.sum(tf.square(tf.sum(x, 1))), x23()));

  it('softmax cross-entropy loss via logSoftmax', () => {
    const labels = tf.tensor2d([[0, 0, 1], [1, 0, 0]]);
    const loss = (logits: tf.Tensor): tf.Scalar => tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1))) as tf.Scalar;
    const g = tf.grad(loss)(x23());
    // (softmax(logits) - labels) / batch
    const expected = tf.div(tf.sub(tf.softmax(x23()), labels), 2);
    expectClose(g, expected);
    expectGradMatchesFiniteDifferences(loss, x23());
  });

  it('softmax', () => expectGradMatchesFiniteDifferences((x) => tf.sum(tf.mul(tf.softmax(x), tf.tensor2d([[1, 2, 3], [3, 1, 2]]))), x23()));

  it('concat', () => {
    const [da, db] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.concat([a, b], 1), tf.tensor2d([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]))),
    )([x23(), tf.tensor2d([[1, 1], [1, 1]])]);
    expect(da!.arraySync()).toEqual([[1, 2, 3], [6, 7, 8]]);
    expect(db!.arraySync()).toEqual([[4, 5], [9, 10]]);
  });

  it('reshape and transpose', () => {
    const w = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.transpose(tf.reshape(x, [2, 3])), w)))(tf.tensor1d([1, 2, 3, 4, 5, 6]));
    expect(Array.from(g.dataSync())).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('gather', () => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.gather(x, tf.tensor1d([2, 0, 2], 'int32'))))(tf.tensor1d([5, 6, 7]));
    expect(Array.from(g.dataSync())).toEqual([1, 0, 2]);
  });

  it('trains: a two-layer network lowers its loss with tf.train.adam', () => {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const w1 = tf.variable(tf.tensor2d([[0.5, -0.4, 0.3], [-0.2, 0.6, 0.1]]));
    const w2 = tf.variable(tf.tensor2d([[0.3], [-0.5], [0.8]]));
    const loss = (): tf.Scalar => tf.mean(tf.square(tf.sub(tf.matMul(tf.relu(tf.matMul(x, w1)), w2), y)));
    const optimizer = tf.train.adam(0.05);
    const first = loss().dataSync()[0]!;
    for (let step = 0; step < 50; step++) optimizer.minimize(loss);
    expect(loss().dataSync()[0]!).toBeLessThan(first * 0.8);
  });
});

describe('tfjs_gradients.generated.js', () => {
  const code = readFileSync(new URL('./tfjs_gradients.generated.js', import.meta.url), 'utf8');

  it('holds no second copy of tfjs-core state', () => {
    for (const pattern of [/class _?Engine\b/, /Engine = class/, /class Tensor\b/, /Tensor = class/, /class Environment\b/, /getGlobal\(/]) {
      expect(code).not.toMatch(pattern);
    }
  });

  it('imports nothing but the public @tensorflow/tfjs-core', () => {
    const sources = new Set([...code.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]));
    expect([...sources]).toEqual(['@tensorflow/tfjs-core']);
  });
});
