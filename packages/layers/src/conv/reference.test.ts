// Options the PyG fixtures do not cover (edgeDim, residual, fillValue, concat=false
// with edge features), checked against a plain-array transcription of PyG's formulas.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualSeed } from '@gnnjs/core';
import { GATConv, GATv2Conv } from '@gnnjs/layers';

type M = number[][];
const linear = (x: M, w: M, b?: number[]) => x.map((row) => w.map((wr, o) => wr.reduce((s, v, k) => s + v * row[k]!, b?.[o] ?? 0)));
const leaky = (v: number) => (v > 0 ? v : 0.2 * v);
const heads = (row: number[], H: number) => Array.from({ length: H }, (_, h) => row.slice((h * row.length) / H, ((h + 1) * row.length) / H));

const N = 5;
const src = [0, 1, 2, 3, 3, 4];
const dst = [1, 0, 2, 1, 1, 3];
const attr: M = [[1, 0], [0, 2], [5, 5], [1, 1], [2, -1], [0.5, 0.5]];

/** PyG's GAT self-loops: loops removed, one per node appended with the mean attribute of its in-edges. */
function loopedEdges() {
  const keep = src.map((s, e) => e).filter((e) => src[e] !== dst[e]);
  const s = [...keep.map((e) => src[e]!), ...Array.from({ length: N }, (_, i) => i)];
  const d = [...keep.map((e) => dst[e]!), ...Array.from({ length: N }, (_, i) => i)];
  const loopAttr = Array.from({ length: N }, (_, i) => {
    const rows = keep.filter((e) => dst[e] === i).map((e) => attr[e]!);
    return [0, 1].map((c) => (rows.length ? rows.reduce((a, r) => a + r[c]!, 0) / rows.length : 0));
  });
  return { s, d, a: [...keep.map((e) => attr[e]!), ...loopAttr] };
}

/** Softmax of per-edge logits over each target, then `Σ alpha · msg[src]`, heads concatenated or averaged. */
function aggregate(logits: M, msg: number[][][], d: number[], s: number[], H: number, concat: boolean): M {
  return Array.from({ length: N }, (_, i) => {
    const edges = d.map((t, e) => e).filter((e) => d[e] === i);
    const perHead = Array.from({ length: H }, (_, h) => {
      const m = Math.max(...edges.map((e) => logits[e]![h]!));
      const w = edges.map((e) => Math.exp(logits[e]![h]! - m));
      const z = w.reduce((a, b) => a + b, 0);
      return msg[0]![h]!.map((_, c) => edges.reduce((acc, e, k) => acc + (w[k]! / z) * msg[s[e]!]![h]![c]!, 0));
    });
    return concat ? perHead.flat() : perHead[0]!.map((_, c) => perHead.reduce((a, p) => a + p[c]!, 0) / H);
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('edge features, residual and mean over heads against PyG\'s formulas', () => {
  it.each([true, false])('GATConv with edgeDim and residual (concat=%s)', async (concat) => {
    manualSeed(11);
    const H = 2;
    const conv = new GATConv(3, 4, { heads: H, edgeDim: 2, residual: true, concat });
    const p = Object.fromEntries(await Promise.all(Object.entries(conv.stateDict()).map(async ([k, v]) => [k, await v.array()] as const)));
    const x: M = await tf.randomUniform([N, 3], -1, 1, 'float32', 3).array() as M;
    const z = linear(x, p['lin.weight'] as M).map((r) => heads(r, H));
    const score = (v: number[][], att: number[][]) => v.map((vh, h) => vh.reduce((a, c, k) => a + c * att[h]![k]!, 0));
    const { s, d, a } = loopedEdges();
    const ze = linear(a, p['lin_edge.weight'] as M).map((r) => heads(r, H));
    const attSrc = (p.att_src as number[][][])[0]!;
    const attDst = (p.att_dst as number[][][])[0]!;
    const attEdge = (p.att_edge as number[][][])[0]!;
    const logits = s.map((j, e) => score(z[j]!, attSrc).map((v, h) => leaky(v + score(z[d[e]!]!, attDst)[h]! + score(ze[e]!, attEdge)[h]!)));
    const out = aggregate(logits, z, d, s, H, concat);
    const res = linear(x, p['res.weight'] as M);
    const expected = out.map((row, i) => row.map((v, c) => v + res[i]![c]! + (p.bias as number[])[c]!));
    const ours = conv.forward(tf.tensor2d(x), tf.tensor2d([src, dst], undefined, 'int32'), { edgeAttr: tf.tensor2d(attr) });
    const got = (await ours.array()) as M;
    got.forEach((row, i) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[i]![c]!, 5)));
  });

  it('GATv2Conv with edgeDim, concat=false', async () => {
    manualSeed(12);
    const H = 2;
    const conv = new GATv2Conv(3, 4, { heads: H, edgeDim: 2, concat: false });
    const p = Object.fromEntries(await Promise.all(Object.entries(conv.stateDict()).map(async ([k, v]) => [k, await v.array()] as const)));
    const x: M = (await tf.randomUniform([N, 3], -1, 1, 'float32', 4).array()) as M;
    const xl = linear(x, p['lin_l.weight'] as M, p['lin_l.bias'] as number[]).map((r) => heads(r, H));
    const xr = linear(x, p['lin_r.weight'] as M, p['lin_r.bias'] as number[]).map((r) => heads(r, H));
    const { s, d, a } = loopedEdges();
    const ze = linear(a, p['lin_edge.weight'] as M).map((r) => heads(r, H));
    const att = (p.att as number[][][])[0]!;
    const logits = s.map((j, e) =>
      Array.from({ length: H }, (_, h) => xl[j]![h]!.reduce((acc, v, c) => acc + att[h]![c]! * leaky(v + xr[d[e]!]![h]![c]! + ze[e]![h]![c]!), 0)),
    );
    const expected = aggregate(logits, xl, d, s, H, false).map((row) => row.map((v, c) => v + (p.bias as number[])[c]!));
    const got = (await conv.forward(tf.tensor2d(x), tf.tensor2d([src, dst], undefined, 'int32'), { edgeAttr: tf.tensor2d(attr) }).array()) as M;
    got.forEach((row, i) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[i]![c]!, 5)));
  });
});
