/**
 * The models whose first layer fuses its input dropout into the projection
 * (GCN, GAT, GATv2: `dropoutLinear[s]` then the conv's `forwardProjected`), on the
 * backends that register the fused `GnnDropoutMatMul` kernel: one training
 * step's output and every gradient equal the model written out the unfused
 * way (dropout, then the conv's own forward) with the same seed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DropoutMatMul, hasBackendKernel, manualSeed } from '@gnnjs/core';
import { GAT, GATv2, GCN, dropout } from '@gnnjs/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { availableBackends } from '../support/backends.js';

const FUSING = ['cpu', 'wasm'] as const;
let backends: Array<(typeof FUSING)[number]> = [];

beforeAll(async () => {
  backends = await availableBackends(FUSING);
});

/** `[rows, cols]`, about 3 % non-zero: bag-of-words-like, where the fused kernel skips the zeros. */
const sparse = (rows: number, cols: number): tf.Tensor2D =>
  tf.tensor2d(Float32Array.from({ length: rows * cols }, (_, i) => ((i * 2654435761) % 97 < 3 ? 1 + Math.sin(i) : 0)), [rows, cols]);

function maxRelativeError(a: Float32Array | Int32Array | Uint8Array, b: Float32Array | Int32Array | Uint8Array): number {
  let scale = 0;
  let error = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    error = Math.max(error, Math.abs(a[i]! - b[i]!));
  }
  return error / Math.max(scale, 1e-12);
}

describe.each(FUSING)('fused first layer on %s', (backend) => {
  it.each(['gcn', 'gat', 'gatv2'] as const)('%s: output and gradients equal dropout then the conv, with the same seed', async (name) => {
    if (!backends.includes(backend)) return;
    await tf.setBackend(backend);
    expect(hasBackendKernel(DropoutMatMul, backend)).toBe(true);
    const x = sparse(60, 200);
    const e = tf.tensor2d([Array.from({ length: 180 }, (_, i) => i % 60), Array.from({ length: 180 }, (_, i) => (i * 7 + 3) % 60)], [2, 180], 'int32');
    const r = tf.randomUniform([60, 5], -1, 1, 'float32', 5);
    const model = name === 'gcn' ? new GCN(200, 5, { hiddenChannels: 16, dropout: 0.5 }) : name === 'gat' ? new GAT(200, 5, { hiddenChannels: 4, heads: 3 }) : new GATv2(200, 5, { hiddenChannels: 4, heads: 3 });
    const loss = (f: () => tf.Tensor) => () => tf.sum(tf.mul(f(), r)) as tf.Scalar;
    const unfused = (): tf.Tensor => {
      const h0 = dropout(x, model.dropout, true);
      if (model instanceof GCN) return model.conv2.forward(dropout(tf.relu(model.conv1.forward(h0, e)), model.dropout, true), e);
      return model.conv2.forward(dropout(tf.elu(model.conv1.forward(h0, e)), model.dropout, true), e);
    };
    model.train();
    manualSeed(3);
    const a = tf.variableGrads(loss(() => model.forward(x, e)));
    manualSeed(3);
    const b = tf.variableGrads(loss(unfused));
    expect(maxRelativeError(await a.value.data(), await b.value.data())).toBeLessThan(1e-5);
    for (const k of Object.keys(b.grads)) expect(maxRelativeError(await a.grads[k]!.data(), await b.grads[k]!.data()), k).toBeLessThan(1e-5);
    tf.dispose([x, e, r, a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
    model.dispose();
  });
});
