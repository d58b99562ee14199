import { describe, expect, it } from 'vitest';
import { randomEdges, randomValues } from '../testing/random_graph.js';
import {
  gatherRowsImpl,
  sddmmImpl,
  segmentMaxImpl,
  segmentMinImpl,
  segmentSoftmaxImpl,
  segmentSumImpl,
  spmmImpl,
} from './index.js';

describe('typed-array kernel implementations', () => {
  it('segmentSumImpl accumulates in edge order, bit for bit like sequential float32 adds', () => {
    const numEdges = 5000;
    const ids = new Int32Array(numEdges).map((_, e) => (e % 7 === 0 ? 1 : 0));
    const data = randomValues(numEdges, 3).map((v, e) => v * 10 ** (e % 5));
    const expected = new Float32Array(2);
    for (let e = 0; e < numEdges; e++) expected[ids[e]!] = Math.fround(expected[ids[e]!]! + data[e]!);
    const out = new Float32Array(2).fill(42); // stale values must be cleared
    segmentSumImpl(data, ids, 2, 1, out);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('segment reductions skip ids outside [0, numSegments)', () => {
    const out = new Float32Array(2);
    segmentSumImpl(new Float32Array([1, 2, 4]), new Int32Array([0, -1, 2]), 2, 1, out);
    expect(Array.from(out)).toEqual([1, 0]);
  });

  it('segmentMaxImpl and segmentMinImpl propagate NaN like tf.max', () => {
    const data = new Float32Array([1, Number.NaN, 3]);
    const ids = new Int32Array([0, 0, 0]);
    const max = new Float32Array(1);
    const min = new Float32Array(1);
    segmentMaxImpl(data, ids, 1, 1, max);
    segmentMinImpl(data, ids, 1, 1, min);
    expect(max[0]).toBeNaN();
    expect(min[0]).toBeNaN();
  });

  it('segmentSoftmaxImpl sums to 1 in every non-empty segment and column', () => {
    const numEdges = 300;
    const heads = 3;
    const ids = new Int32Array(randomEdges(20, numEdges, 5).subarray(numEdges));
    const out = new Float32Array(numEdges * heads);
    segmentSoftmaxImpl(randomValues(numEdges * heads, 6).map((v) => 50 * v), ids, 20, heads, out);
    const sums = new Float64Array(20 * heads);
    for (let e = 0; e < numEdges; e++) for (let h = 0; h < heads; h++) sums[ids[e]! * heads + h]! += out[e * heads + h]!;
    for (let s = 0; s < 20; s++) {
      const present = ids.includes(s);
      for (let h = 0; h < heads; h++) expect(sums[s * heads + h]).toBeCloseTo(present ? 1 : 0, 5);
    }
  });

  it('gatherRowsImpl gives zero rows for out-of-range indices', () => {
    const out = new Float32Array(4).fill(9);
    gatherRowsImpl(new Float32Array([1, 2, 3, 4]), new Int32Array([1, 2]), 2, 2, out);
    expect(Array.from(out)).toEqual([3, 4, 0, 0]);
  });

  it('spmmImpl with a weight equals sddmm-free reference on a random multi-head graph', () => {
    const [numNodes, numEdges, heads, channels] = [30, 200, 2, 3];
    const edges = randomEdges(numNodes, numEdges, 8);
    const src = edges.subarray(0, numEdges);
    const dst = edges.subarray(numEdges);
    const x = randomValues(numNodes * heads * channels, 9);
    const w = randomValues(numEdges * heads, 10);
    const out = new Float32Array(numNodes * heads * channels);
    spmmImpl(src, dst, x, w, { numSrcNodes: numNodes, numDstNodes: numNodes, rowSize: heads * channels, weightSize: heads }, out);
    const reference = new Float64Array(out.length);
    for (let e = 0; e < numEdges; e++) {
      for (let h = 0; h < heads; h++) {
        for (let c = 0; c < channels; c++) {
          reference[(dst[e]! * heads + h) * channels + c]! += w[e * heads + h]! * x[(src[e]! * heads + h) * channels + c]!;
        }
      }
    }
    out.forEach((v, k) => expect(v).toBeCloseTo(reference[k]!, 4));
  });

  it("sddmmImpl 'dot' sums over the last axis per head", () => {
    const out = new Float32Array(2);
    const lhs = new Float32Array([1, 2, 3, 4]);
    const rhs = new Float32Array([1, 1, 2, 0]);
    sddmmImpl(new Int32Array([0]), new Int32Array([0]), lhs, rhs, 'dot', { numSrcNodes: 1, numDstNodes: 1, rowSize: 4, lastDim: 2 }, out);
    expect(Array.from(out)).toEqual([3, 6]);
  });
});
