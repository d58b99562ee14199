import { describe, expect, it } from 'vitest';
import { conformanceGraphs, outOfRangeGraph } from './graphs.js';
import type { HostTensor } from './host_tensor.js';
import {
  additiveAttentionGradReference,
  additiveAttentionReference,
  gatherRowsGradReference,
  gatherRowsReference,
  sddmmGradReference,
  sddmmReference,
  segmentReduceGradReference,
  segmentReduceReference,
  segmentSoftmaxGradReference,
  segmentSoftmaxReference,
  spmmGradReference,
  spmmReference,
} from './reference.js';
import { segmentAttentionGradReference, segmentAttentionReference } from './reference_attention.js';
import { mulberry32, randomFloats } from './rng.js';

// The conformance suite trusts these references, so they are checked against
// central differences in float64: <grad, v> must equal d/dt <f(x + t v), dy>.
const random = mulberry32(99);
const host = (shape: readonly number[]): HostTensor => ({
  shape,
  data: randomFloats(random, shape.reduce((a, b) => a * b, 1)),
});
const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

function expectDirectionalDerivative(
  f: (x: HostTensor) => HostTensor,
  x: HostTensor,
  grad: (dy: HostTensor) => HostTensor,
): void {
  const probe = f(x);
  const dy = host(probe.shape);
  const v = host(x.shape);
  const h = 1e-6;
  const shifted = (t: number): HostTensor => ({ shape: x.shape, data: x.data.map((xi, i) => xi + t * v.data[i]!) });
  const numeric = (dot(f(shifted(h)).data, dy.data) - dot(f(shifted(-h)).data, dy.data)) / (2 * h);
  expect(dot(grad(dy).data, v.data)).toBeCloseTo(numeric, 6);
}

const graph = conformanceGraphs(5).find((g) => g.name.startsWith('random'))!;
const edges = { src: graph.src, dst: graph.dst };
const E = graph.src.length;
const N = graph.numNodes;

describe('float64 references agree with finite differences', () => {
  it('gatherRows', () => {
    expectDirectionalDerivative((x) => gatherRowsReference(x, graph.src), host([N, 3]), (dy) =>
      gatherRowsGradReference(host([N, 3]), graph.src, dy),
    );
  });

  it.each(['sum', 'mean', 'max', 'min'] as const)('segment %s', (reduction) => {
    const data = host([E, 2, 3]);
    expectDirectionalDerivative((d) => segmentReduceReference(reduction, d, graph.dst, N), data, (dy) =>
      segmentReduceGradReference(reduction, data, graph.dst, N, dy),
    );
  });

  it('segment max splits the gradient evenly among ties', () => {
    const data: HostTensor = { shape: [3], data: Float64Array.from([2, 2, 1]) };
    const dy: HostTensor = { shape: [1], data: Float64Array.from([6]) };
    expect(Array.from(segmentReduceGradReference('max', data, Int32Array.from([0, 0, 0]), 1, dy).data)).toEqual([3, 3, 0]);
  });

  it('segmentSoftmax', () => {
    const logits = host([E, 2]);
    expectDirectionalDerivative((l) => segmentSoftmaxReference(l, graph.dst, N), logits, (dy) =>
      segmentSoftmaxGradReference(logits, graph.dst, N, dy),
    );
  });

  it('spmm w.r.t. x and a broadcast weight', () => {
    const x = host([N, 2, 3]);
    const w = host([E, 2]);
    expectDirectionalDerivative((t) => spmmReference(edges, t, w, N), x, (dy) => spmmGradReference(edges, x, w, dy).x);
    expectDirectionalDerivative((t) => spmmReference(edges, x, t, N), w, (dy) => spmmGradReference(edges, x, w, dy).weight!);
  });

  it.each(['add', 'mul', 'dot'] as const)("sddmm '%s' w.r.t. both sides", (op) => {
    const lhs = host([N, 2, 3]);
    const rhs = host([N, 2, 3]);
    expectDirectionalDerivative((t) => sddmmReference(edges, t, rhs, op), lhs, (dy) => sddmmGradReference(edges, lhs, rhs, op, dy).lhs);
    expectDirectionalDerivative((t) => sddmmReference(edges, lhs, t, op), rhs, (dy) => sddmmGradReference(edges, lhs, rhs, op, dy).rhs);
  });

  it.each([
    ['in range', graph, 0.2],
    ['with edges out of range', outOfRangeGraph(5), 0.2],
    ['with a slope above 1', graph, 1.5],
  ] as const)('additiveAttention w.r.t. lhs, rhs and att, %s', (_, g, slope) => {
    const e = { src: g.src, dst: g.dst };
    const lhs = host([g.numSrcNodes, 2, 3]);
    const rhs = host([g.numNodes, 2, 3]);
    const att = host([2, 3]);
    const grads = (dy: HostTensor) => additiveAttentionGradReference(e, lhs, rhs, att, slope, dy);
    expectDirectionalDerivative((t) => additiveAttentionReference(e, t, rhs, att, slope), lhs, (dy) => grads(dy).lhs);
    expectDirectionalDerivative((t) => additiveAttentionReference(e, lhs, t, att, slope), rhs, (dy) => grads(dy).rhs);
    expectDirectionalDerivative((t) => additiveAttentionReference(e, lhs, rhs, t, slope), att, (dy) => grads(dy).att);
  });

  it('additiveAttention gives 0, and no gradient, for edges out of range', () => {
    const e = { src: Int32Array.from([0, -1, 2]), dst: Int32Array.from([0, 0, 1]) };
    const lhs: HostTensor = { shape: [2, 1, 2], data: Float64Array.from([1, -2, 3, 4]) };
    const rhs: HostTensor = { shape: [2, 1, 2], data: Float64Array.from([1, 1, 0, 0]) };
    const att: HostTensor = { shape: [1, 2], data: Float64Array.from([2, 3]) };
    // Edge 0: z = [2, -1] → 2·2 + 3·(−0.2) = 3.4; edges 1 and 2 are out of range.
    const out = additiveAttentionReference(e, lhs, rhs, att, 0.2);
    expect(Array.from(out.data).map((v) => Number(v.toFixed(12)))).toEqual([3.4, 0, 0]);
    const dy: HostTensor = { shape: [3, 1], data: Float64Array.from([1, 5, 7]) };
    const grads = additiveAttentionGradReference(e, lhs, rhs, att, 0.2, dy);
    expect(Array.from(grads.lhs.data).map((v) => Number(v.toFixed(12)))).toEqual([2, 0.6, 0, 0]);
    expect(Array.from(grads.att.data).map((v) => Number(v.toFixed(12)))).toEqual([2, -0.2]);
  });

  it.each([
    ['sorted segments', [0, 0, 0, 1, 2, 2, 2, 2], 0],
    ['unsorted ids, some out of range', [2, 0, -1, 2, 0, 3, 2, 1], 0],
    ['attention dropout', [0, 0, 0, 1, 2, 2, 2, 2], 0.4],
  ] as const)('segmentAttention w.r.t. query, key and value, %s', (_, idList, dropoutRate) => {
    const ids = Int32Array.from(idList);
    const attrs = { numSegments: 3, scale: 0.7, dropoutRate, seed: 11 };
    const q = host([ids.length, 2, 3]);
    const k = host([ids.length, 2, 3]);
    const v = host([ids.length, 2, 4]);
    const grads = (dy: HostTensor) => segmentAttentionGradReference(q, k, v, ids, attrs, dy);
    expectDirectionalDerivative((t) => segmentAttentionReference(t, k, v, ids, attrs), q, (dy) => grads(dy).query);
    expectDirectionalDerivative((t) => segmentAttentionReference(q, t, v, ids, attrs), k, (dy) => grads(dy).key);
    expectDirectionalDerivative((t) => segmentAttentionReference(q, k, t, ids, attrs), v, (dy) => grads(dy).value);
  });

  it('segmentAttention is softmax attention within each segment (hand-computed)', () => {
    // Segment 0 = nodes 0, 1; node 2 alone in segment 1; node 3 out of range.
    const ids = Int32Array.from([0, 0, 1, 5]);
    const q: HostTensor = { shape: [4, 1, 1], data: Float64Array.from([Math.log(3), 0, 1, 1]) };
    const k: HostTensor = { shape: [4, 1, 1], data: Float64Array.from([1, 0, 2, 1]) };
    const v: HostTensor = { shape: [4, 1, 1], data: Float64Array.from([4, 8, -1, 9]) };
    const out = segmentAttentionReference(q, k, v, ids, { numSegments: 2, scale: 1, dropoutRate: 0, seed: 0 });
    // Node 0: scores [ln 3, 0] → weights [3/4, 1/4] → 5; node 1: scores [0, 0] → 6; node 2 → its own value.
    expect(Array.from(out.data).map((x) => Number(x.toFixed(12)))).toEqual([5, 6, -1, 0]);
  });
});
