import '@gnnjs/backend-cpu';
import { randomEdges, randomValues } from '@gnnjs/backend-cpu/testing';
import { gatherRows, sddmm, segmentMax, segmentMean, segmentMin, segmentSoftmax, segmentSum, spmm } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import './index.js';
import { setWasmKernelsEnabled } from './simd/gnn_kernels.js';

const [numNodes, numEdges, heads, channels] = [60, 400, 2, 3];
const edgeIndex = randomEdges(numNodes, numEdges, 21, 0.2);

/** Every GNN kernel on one random graph, as raw float32 bits. */
function allKernels(): Record<string, number[]> {
  return tf.tidy(() => {
    const edges = tf.tensor2d(edgeIndex, [2, numEdges], 'int32');
    const dst = tf.tensor1d(edgeIndex.subarray(numEdges), 'int32');
    const x = tf.tensor3d(randomValues(numNodes * heads * channels, 22), [numNodes, heads, channels]);
    const messages = gatherRows(x, dst);
    const logits = sddmm(edges, x, x, 'dot');
    const outputs: Record<string, tf.Tensor> = {
      gatherRows: messages,
      segmentSum: segmentSum(messages, dst, numNodes),
      segmentMean: segmentMean(messages, dst, numNodes),
      segmentMax: segmentMax(messages, dst, numNodes),
      segmentMin: segmentMin(messages, dst, numNodes),
      segmentSoftmax: segmentSoftmax(logits, dst, numNodes),
      spmm: spmm(edges, x, segmentSoftmax(logits, dst, numNodes), numNodes),
      sddmmAdd: sddmm(edges, x, x, 'add'),
      sddmmMul: sddmm(edges, x, x, 'mul'),
      sddmmDot: logits,
      unsortedSegmentSum: tf.unsortedSegmentSum(messages, dst, numNodes),
    };
    const bits: Record<string, number[]> = {};
    for (const [name, t] of Object.entries(outputs)) {
      bits[name] = Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
    }
    return bits;
  });
}

describe('wasm and cpu share one implementation', () => {
  it('every typed-array kernel gives bit-identical results on wasm and cpu', async () => {
    await tf.setBackend('cpu');
    const onCpu = allKernels();
    await tf.setBackend('wasm');
    setWasmKernelsEnabled(false);
    try {
      expect(allKernels()).toEqual(onCpu);
    } finally {
      setWasmKernelsEnabled(true);
    }
  });

  it('the SIMD kernels agree with them to float32 rounding', async () => {
    await tf.setBackend('cpu');
    const onCpu = allKernels();
    await tf.setBackend('wasm');
    const onWasm = allKernels();
    const asFloat = (bits: number[]) => new Float32Array(Uint32Array.from(bits).buffer);
    for (const [name, bits] of Object.entries(onCpu)) {
      const [expected, actual] = [asFloat(bits), asFloat(onWasm[name]!)];
      expect(actual.length, name).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) {
        expect(Math.abs(actual[i]! - expected[i]!), `${name}[${i}]`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i]!)));
      }
    }
  });
});
