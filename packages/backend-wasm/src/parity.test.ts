/**
 * Both of this package's implementations of every GNN kernel — the SIMD
 * module and the typed-array fallback it leaves for (no SIMD) — against
 * core's float64 references. (The fallback is backend-cpu's code; comparing
 * it with backend-cpu would compare that code with itself.)
 */
import { randomEdges, randomValues } from '@gnnjs/backend-cpu/testing';
import { gatherRows, sddmm, segmentMax, segmentMean, segmentMin, segmentSoftmax, segmentSum, spmm } from '@gnnjs/core';
import {
  DEFAULT_TOLERANCE,
  assertClose,
  conformanceCases,
  gatherRowsReference,
  optionalKernelCases,
  sddmmReference,
  segmentReduceReference,
  segmentSoftmaxReference,
  spmmReference,
  type HostTensor,
} from '@gnnjs/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import './index.js';
import { setWasmKernelsEnabled } from './simd/gnn_kernels.js';

const [numNodes, numEdges, heads, channels] = [60, 400, 2, 3];
// A fifth of the edges point at node 0: one long segment among short ones.
const edgeIndex = randomEdges(numNodes, numEdges, 21, 0.2);
const edges = { src: edgeIndex.slice(0, numEdges), dst: edgeIndex.slice(numEdges) };
const host = (t: Float32Array, shape: number[]): HostTensor => ({ shape, data: Float64Array.from(t) });

/** Every GNN kernel (and tfjs's UnsortedSegmentSum, which this package overrides) on one graph, with its float64 reference. */
async function checkEveryKernel(): Promise<void> {
  const xValues = randomValues(numNodes * heads * channels, 22);
  const x = host(xValues, [numNodes, heads, channels]);
  const messages = gatherRowsReference(x, edges.dst);
  const logits = sddmmReference(edges, x, x, 'dot');
  const alpha = segmentSoftmaxReference(logits, edges.dst, numNodes);
  const expected: Record<string, HostTensor> = {
    gatherRows: messages,
    segmentSum: segmentReduceReference('sum', messages, edges.dst, numNodes),
    segmentMean: segmentReduceReference('mean', messages, edges.dst, numNodes),
    segmentMax: segmentReduceReference('max', messages, edges.dst, numNodes),
    segmentMin: segmentReduceReference('min', messages, edges.dst, numNodes),
    segmentSoftmax: alpha,
    spmm: spmmReference(edges, x, alpha, numNodes),
    sddmmAdd: sddmmReference(edges, x, x, 'add'),
    sddmmMul: sddmmReference(edges, x, x, 'mul'),
    sddmmDot: logits,
    unsortedSegmentSum: segmentReduceReference('sum', messages, edges.dst, numNodes),
  };
  const actual = tf.tidy(() => {
    const edgeTensor = tf.tensor2d(edgeIndex, [2, numEdges], 'int32');
    const dst = tf.tensor1d(edges.dst, 'int32');
    const xt = tf.tensor3d(xValues, [numNodes, heads, channels]);
    const m = gatherRows(xt, dst);
    const l = sddmm(edgeTensor, xt, xt, 'dot');
    const outputs: Record<string, tf.Tensor> = {
      gatherRows: m,
      segmentSum: segmentSum(m, dst, numNodes),
      segmentMean: segmentMean(m, dst, numNodes),
      segmentMax: segmentMax(m, dst, numNodes),
      segmentMin: segmentMin(m, dst, numNodes),
      segmentSoftmax: segmentSoftmax(l, dst, numNodes),
      spmm: spmm(edgeTensor, xt, segmentSoftmax(l, dst, numNodes), numNodes),
      sddmmAdd: sddmm(edgeTensor, xt, xt, 'add'),
      sddmmMul: sddmm(edgeTensor, xt, xt, 'mul'),
      sddmmDot: l,
      unsortedSegmentSum: tf.unsortedSegmentSum(m, dst, numNodes),
    };
    return outputs;
  });
  try {
    for (const [name, reference] of Object.entries(expected)) {
      await assertClose(actual[name]!, reference, DEFAULT_TOLERANCE, `${tf.getBackend()} ${name}`);
    }
  } finally {
    tf.dispose(Object.values(actual));
  }
}

describe("wasm's GNN kernels against core's float64 references", () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('the SIMD kernels match them on a 400-edge graph with a hub', async () => {
    await checkEveryKernel();
  });

  it('the typed-array fallback (no SIMD) matches them on the same graph', async () => {
    setWasmKernelsEnabled(false);
    try {
      await checkEveryKernel();
    } finally {
      setWasmKernelsEnabled(true);
    }
  });
});

describe('the typed-array fallback (no SIMD) passes the conformance suite, optional kernels included', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    setWasmKernelsEnabled(false);
  });
  afterAll(() => {
    setWasmKernelsEnabled(true);
  });
  for (const c of [...conformanceCases(), ...optionalKernelCases()]) it(c.name, () => c.run());
});
