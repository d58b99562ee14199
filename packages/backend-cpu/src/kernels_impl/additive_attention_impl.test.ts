import { describe, expect, it } from 'vitest';
import { randomEdges, randomValues } from '../testing/random_graph.js';
import { additiveAttentionGradImpl, additiveAttentionImpl, type AdditiveAttentionDims } from './index.js';

const leaky = (z: number, slope: number): number => (z > 0 ? z : slope * z);

/** Float64 loops over the `[E, H, C]` sums, written independently of the impl. */
function reference(src: Int32Array, dst: Int32Array, lhs: Float32Array, rhs: Float32Array, att: Float32Array, dy: Float32Array, slope: number, dims: AdditiveAttentionDims) {
  const { numSrcNodes, numDstNodes, heads, channels } = dims;
  const row = heads * channels;
  const out = new Float64Array(src.length * heads);
  const dLhs = new Float64Array(numSrcNodes * row);
  const dRhs = new Float64Array(numDstNodes * row);
  const dAtt = new Float64Array(row);
  src.forEach((j, e) => {
    const i = dst[e]!;
    if (j < 0 || j >= numSrcNodes || i < 0 || i >= numDstNodes) return;
    for (let h = 0; h < heads; h++) {
      for (let c = 0; c < channels; c++) {
        const k = h * channels + c;
        const z = lhs[j * row + k]! + rhs[i * row + k]!;
        const g = dy[e * heads + h]!;
        out[e * heads + h]! += att[k]! * leaky(z, slope);
        dLhs[j * row + k]! += g * att[k]! * (z > 0 ? 1 : slope);
        dRhs[i * row + k]! += g * att[k]! * (z > 0 ? 1 : slope);
        dAtt[k]! += g * leaky(z, slope);
      }
    }
  });
  return { out, dLhs, dRhs, dAtt };
}

function expectClose(actual: Float32Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThan(1e-5 + 1e-4 * Math.abs(expected[k]!)));
}

describe('additiveAttentionImpl and additiveAttentionGradImpl', () => {
  // 9 sources, 7 targets, 3 heads of 5 channels (not a multiple of 4), a hub and edges out of range.
  const dims: AdditiveAttentionDims = { numSrcNodes: 9, numDstNodes: 7, heads: 3, channels: 5 };
  const numEdges = 120;
  const edges = randomEdges(9, numEdges, 21, 0.3);
  const src = edges.slice(0, numEdges);
  const dst = edges.slice(numEdges).map((i) => Math.min(i, 6));
  src.set([-1, 9, 3, 100], 0);
  dst.set([2, 2, 7, -5], 0);
  const row = dims.heads * dims.channels;
  const lhs = randomValues(dims.numSrcNodes * row, 22);
  const rhs = randomValues(dims.numDstNodes * row, 23);
  const att = randomValues(row, 24);
  const dy = randomValues(numEdges * dims.heads, 25);

  it.each([0.2, 0, 1.5])('match float64 loops over the [E, H, C] sums (slope %s), clearing stale outputs', (slope) => {
    const expected = reference(src, dst, lhs, rhs, att, dy, slope, dims);
    const out = new Float32Array(numEdges * dims.heads).fill(9);
    additiveAttentionImpl(src, dst, lhs, rhs, att, slope, dims, out);
    expectClose(out, expected.out);
    expect(Array.from(out.subarray(0, 4 * dims.heads))).toEqual(new Array<number>(4 * dims.heads).fill(0));

    const [dLhs, dRhs, dAtt] = [new Float32Array(lhs.length), new Float32Array(rhs.length), new Float32Array(row)].map((a) => a.fill(9));
    additiveAttentionGradImpl(src, dst, lhs, rhs, att, dy, slope, dims, dLhs!, dRhs!, dAtt!);
    expectClose(dLhs!, expected.dLhs);
    expectClose(dRhs!, expected.dRhs);
    expectClose(dAtt!, expected.dAtt);
  });

  it('take the negative slope as the derivative at z = 0', () => {
    const one: AdditiveAttentionDims = { numSrcNodes: 1, numDstNodes: 1, heads: 1, channels: 2 };
    const [dLhs, dRhs, dAtt] = [new Float32Array(2), new Float32Array(2), new Float32Array(2)];
    const e = new Int32Array([0]);
    additiveAttentionGradImpl(e, e, new Float32Array([1, -2]), new Float32Array([-1, 3]), new Float32Array([2, 4]), new Float32Array([1]), 0.25, one, dLhs, dRhs, dAtt);
    // z = [0, 1]: LeakyReLU'(0) = 0.25, LeakyReLU'(1) = 1.
    expect(Array.from(dLhs)).toEqual([0.5, 4]);
    expect(Array.from(dRhs)).toEqual([0.5, 4]);
    expect(Array.from(dAtt)).toEqual([0, 1]);
  });

  it('give zero gradients without edges', () => {
    const none = new Int32Array(0);
    const [dLhs, dRhs, dAtt] = [new Float32Array(lhs.length), new Float32Array(rhs.length), new Float32Array(row)].map((a) => a.fill(9));
    additiveAttentionGradImpl(none, none, lhs, rhs, att, new Float32Array(0), 0.2, dims, dLhs!, dRhs!, dAtt!);
    for (const a of [dLhs!, dRhs!, dAtt!]) expect(a.every((v) => v === 0)).toBe(true);
  });
});
