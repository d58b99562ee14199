import * as tf from '@tensorflow/tfjs-core';
import { segmentSoftmax, segmentSum, spmm } from '@gnnjs/core';
import { describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { nodeWebGPUMissing } from '../test_support/node_gpu.js';
import { csrBuildCount } from './csr_cache.js';

const missing = await nodeWebGPUMissing();

/** A hub-heavy graph: most of the edges point at node 0, with values of very different magnitudes. */
function hubGraph(numEdges: number, numNodes: number): { ids: Int32Array; values: Float32Array } {
  let s = 7;
  const next = (): number => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const ids = Int32Array.from({ length: numEdges }, () => (next() < 0.8 ? 0 : Math.floor(next() * numNodes)));
  const values = Float32Array.from({ length: numEdges * 4 }, () => (next() - 0.5) * 10 ** Math.floor(next() * 8 - 3));
  return { ids, values };
}

describe.skipIf(missing !== undefined)(skipTitle('CSR on WebGPU', missing), () => {
  it('gives bit-identical segment sums on repeated runs over a hub-heavy graph', async () => {
    const { ids, values } = hubGraph(3000, 16);
    const run = async (): Promise<Uint32Array> => {
      // Fresh tensors each time, so the CSR is rebuilt too.
      const out = segmentSum(tf.tensor2d(values, [3000, 4]), tf.tensor1d(ids, 'int32'), 16);
      const bits = new Uint32Array(((await out.data()) as Float32Array).buffer.slice(0));
      out.dispose();
      return bits;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.some((b) => b !== 0)).toBe(true);
  });

  it('builds the CSR of a graph once and reuses it', () => {
    const edgeIndex = tf.tensor2d([0, 1, 2, 2, 1, 0, 2, 1], [2, 4], 'int32');
    const x = tf.ones([3, 2]);
    const before = csrBuildCount();
    tf.tidy(() => {
      spmm(edgeIndex, x, undefined, 3);
      spmm(edgeIndex, x, undefined, 3);
    });
    expect(csrBuildCount() - before).toBe(1);
    tf.dispose([edgeIndex, x]);
  });

  it('shares one CSR between an edge index and its target row, across calls that unstack it anew', async () => {
    const edgeIndex = tf.tensor2d([0, 1, 2, 3, 0, 2, 1, 2, 1, 0, 3, 2], [2, 6], 'int32');
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const logits = tf.tensor1d([0.5, -1, 2, 0, 1, 3]);
    const layer = (): tf.Tensor =>
      tf.tidy(() => {
        // What MessagePassing does on every call: take the rows apart, then softmax + SpMM.
        const [, targets] = tf.unstack(edgeIndex) as [tf.Tensor1D, tf.Tensor1D];
        const alpha = segmentSoftmax(logits, targets, 4);
        const viaSlice = tf.reshape(tf.slice(edgeIndex, [1, 0], [1, 6]), [6]);
        return tf.add(spmm(edgeIndex, x, alpha, 4), tf.expandDims(segmentSum(alpha, viaSlice, 4), 1));
      });
    const before = csrBuildCount();
    const first = layer();
    const second = layer();
    expect(csrBuildCount() - before).toBe(1);
    expect(Array.from(await second.data())).toEqual(Array.from(await first.data()));
    tf.dispose([edgeIndex, x, logits, first, second]);
  });

  it("reuses the forward CSRs in SpMM's backward pass, call after call", () => {
    const edgeIndex = tf.tensor2d([0, 1, 2, 3, 0, 1, 2, 1, 0, 3], [2, 5], 'int32');
    const x = tf.ones([4, 3]);
    const weight = tf.ones([5]);
    const step = (): void =>
      tf.tidy(() => {
        tf.grads((a: tf.Tensor, w: tf.Tensor) => spmm(edgeIndex, a, w, 4))([x, weight]);
      });
    const before = csrBuildCount();
    step();
    // By target (forward) and by source (the gradient's reversed edges).
    expect(csrBuildCount() - before).toBe(2);
    step();
    expect(csrBuildCount() - before).toBe(2);
    tf.dispose([edgeIndex, x, weight]);
  });

  it('leaves no tensors behind', async () => {
    const ids = tf.tensor1d([2, 0, 2, 1], 'int32');
    const data = tf.ones([4, 3]);
    const before = tf.memory().numTensors;
    const out = segmentSum(data, ids, 3);
    expect(Array.from(await out.data())).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ids, data]);
  });
});
