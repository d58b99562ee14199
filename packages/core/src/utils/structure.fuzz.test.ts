/**
 * Fuzz: the invariants of `coalesce`, `toUndirected` and
 * `addRemainingSelfLoops` on edge lists fast-check draws (duplicates,
 * self-loops, isolated nodes, no edges), with edge attributes, checked
 * against plain JavaScript bookkeeping; tensor counts stay flat.
 * Budget and seeds: `fuzzParameters` (GNNJS_FUZZ_RUNS, GNNJS_FUZZ_SEED).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { addRemainingSelfLoops, coalesce, isUndirected, toUndirected } from '@gnnjs/core';
import { fuzzParameters } from '@gnnjs/core/testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Edges {
  readonly n: number;
  readonly src: number[];
  readonly dst: number[];
  /** One small integer attribute per edge (sums stay exact in float32). */
  readonly attr: number[];
}

const edges: fc.Arbitrary<Edges> = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc
    .record({
      pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: -8, max: 8 })), { maxLength: 16 }),
      repeats: fc.array(fc.nat(), { maxLength: 5 }),
    })
    .map(({ pairs, repeats }) => {
      const all = [...pairs, ...(pairs.length === 0 ? [] : repeats.map((r) => pairs[r % pairs.length]!))];
      return { n, src: all.map((p) => p[0]), dst: all.map((p) => p[1]), attr: all.map((p) => p[2]) };
    }),
);

const key = (s: number, d: number): string => `${s},${d}`;
const rowsOf = (t: tf.Tensor2D): [number[], number[]] => {
  const v = Array.from(t.dataSync());
  const e = t.shape[1];
  return [v.slice(0, e), v.slice(e)];
};

function inputs(c: Edges): { edgeIndex: tf.Tensor2D; attr: tf.Tensor1D } {
  return { edgeIndex: tf.tensor2d([...c.src, ...c.dst], [2, c.src.length], 'int32'), attr: tf.tensor1d(c.attr, 'float32') };
}

it('coalesce: the distinct edges, sorted strictly (by row or by column), attributes summed per edge; idempotent', () => {
  fc.assert(
    fc.property(edges, fc.boolean(), (c, sortByRow) => {
      const before = tf.memory().numTensors;
      const { edgeIndex, attr } = inputs(c);
      const out = coalesce(edgeIndex, { edgeAttr: attr, numNodes: c.n, sortByRow });
      const [row, col] = rowsOf(out.edgeIndex);
      const sums = new Map<string, number>();
      c.src.forEach((s, e) => sums.set(key(s, c.dst[e]!), (sums.get(key(s, c.dst[e]!)) ?? 0) + c.attr[e]!));
      expect(row.length).toBe(sums.size);
      const merged = Array.from(out.edgeAttr.dataSync());
      row.forEach((r, k) => {
        expect(merged[k]).toBe(sums.get(key(r, col[k]!)));
        if (k === 0) return;
        const [major, prevMajor, minor, prevMinor] = sortByRow ? [r, row[k - 1]!, col[k]!, col[k - 1]!] : [col[k]!, col[k - 1]!, r, row[k - 1]!];
        expect(major > prevMajor || (major === prevMajor && minor > prevMinor)).toBe(true);
      });
      const again = coalesce(out.edgeIndex, { numNodes: c.n, sortByRow });
      expect(rowsOf(again.edgeIndex)).toEqual([row, col]);
      tf.dispose([edgeIndex, attr, out.edgeIndex, out.edgeAttr, again.edgeIndex]);
      expect(tf.memory().numTensors).toBe(before);
    }),
    fuzzParameters(300),
  );
});

it('toUndirected: every edge and its reverse, once each, sorted; undirected; idempotent', () => {
  fc.assert(
    fc.property(edges, (c) => {
      const before = tf.memory().numTensors;
      const { edgeIndex, attr } = inputs(c);
      const out = toUndirected(edgeIndex, { edgeAttr: attr, numNodes: c.n });
      const [row, col] = rowsOf(out.edgeIndex);
      const want = new Set<string>();
      c.src.forEach((s, e) => want.add(key(s, c.dst[e]!)).add(key(c.dst[e]!, s)));
      expect(new Set(row.map((r, k) => key(r, col[k]!)))).toEqual(want);
      expect(row.length).toBe(want.size);
      // Sum over both directions: each input attribute lands twice (once per direction), loops twice as well.
      expect(Array.from(out.edgeAttr.dataSync()).reduce((a, b) => a + b, 0)).toBe(2 * c.attr.reduce((a, b) => a + b, 0));
      expect(isUndirected(out.edgeIndex, { numNodes: c.n })).toBe(true);
      const again = toUndirected(out.edgeIndex, { numNodes: c.n });
      expect(rowsOf(again.edgeIndex)).toEqual([row, col]);
      tf.dispose([edgeIndex, attr, out.edgeIndex, out.edgeAttr, again.edgeIndex]);
      expect(tf.memory().numTensors).toBe(before);
    }),
    fuzzParameters(300),
  );
});

it('addRemainingSelfLoops: the non-loop edges in order, then one loop per node with its last loop attribute or the fill', () => {
  fc.assert(
    fc.property(edges, fc.integer({ min: 0, max: 3 }), fc.integer({ min: -5, max: 5 }), (c, extraNodes, fill) => {
      const before = tf.memory().numTensors;
      const n = c.n + extraNodes;
      const { edgeIndex, attr } = inputs(c);
      const out = addRemainingSelfLoops(edgeIndex, { edgeAttr: attr, numNodes: n, fillValue: fill });
      const [row, col] = rowsOf(out.edgeIndex);
      const values = Array.from(out.edgeAttr.dataSync());
      const kept = c.src.map((s, e) => e).filter((e) => c.src[e] !== c.dst[e]);
      expect(row.length).toBe(kept.length + n);
      kept.forEach((e, k) => expect([row[k], col[k], values[k]]).toEqual([c.src[e], c.dst[e], c.attr[e]]));
      for (let i = 0; i < n; i++) {
        let last: number | undefined;
        c.src.forEach((s, e) => {
          if (s === i && c.dst[e] === i) last = c.attr[e];
        });
        expect([row[kept.length + i], col[kept.length + i], values[kept.length + i]]).toEqual([i, i, last ?? fill]);
      }
      tf.dispose([edgeIndex, attr, out.edgeIndex, out.edgeAttr]);
      expect(tf.memory().numTensors).toBe(before);
    }),
    fuzzParameters(300),
  );
});
