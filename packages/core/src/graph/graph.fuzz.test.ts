/**
 * Fuzz: `Graph` and `HeteroGraph` construction from arrays and tensors
 * fast-check draws. Valid input → the graph's invariants (counts, int32
 * `[2, E]` indices equal to the input, CSR, nothing leaked); invalid input →
 * a `GraphValidationError`, never another exception, and nothing leaked.
 * Budget and seeds: `fuzzParameters` (GNNJS_FUZZ_RUNS, GNNJS_FUZZ_SEED).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Graph, GraphValidationError, HeteroGraph, type GraphInit, type GraphOptions } from '@gnnjs/core';
import { fuzzParameters } from '@gnnjs/core/testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** How the edges are handed over. */
const FORMS = ['numbers', 'int32array', 'float32array', 'bigint64array', 'bigints', 'int32 tensor', 'float32 tensor', 'pairs', 'pairs tensor'] as const;
type Form = (typeof FORMS)[number];

interface ValidCase {
  readonly n: number;
  readonly src: number[];
  readonly dst: number[];
  readonly form: Form;
  readonly withX: boolean;
  readonly givenNumNodes: number | undefined;
}

const validCase: fc.Arbitrary<ValidCase> = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: n === 0 ? fc.constant([] as [number, number][]) : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 12 }),
    form: fc.constantFrom(...FORMS),
    withX: fc.boolean(),
    extra: fc.option(fc.nat(3), { nil: undefined }),
  }).map(({ n, pairs, form, withX, extra }) => ({
    n,
    src: pairs.map(([s]) => s),
    dst: pairs.map(([, d]) => d),
    form,
    withX,
    givenNumNodes: extra === undefined ? undefined : n + extra,
  })),
);

/** The edges in `form`, and the layout option it needs. */
function edgesIn(form: Form, src: readonly number[], dst: readonly number[]): { edgeIndex: GraphInit['edgeIndex']; options: GraphOptions } {
  const pairs = src.map((s, e) => [s, dst[e]!]);
  switch (form) {
    case 'numbers':
      return { edgeIndex: [[...src], [...dst]], options: {} };
    case 'int32array':
      return { edgeIndex: [Int32Array.from(src), Int32Array.from(dst)], options: {} };
    case 'float32array':
      return { edgeIndex: [Float32Array.from(src), Float32Array.from(dst)], options: {} };
    case 'bigint64array':
      return { edgeIndex: [BigInt64Array.from(src, BigInt), BigInt64Array.from(dst, BigInt)], options: {} };
    case 'bigints':
      return { edgeIndex: [src.map(BigInt), dst.map(BigInt)], options: {} };
    case 'int32 tensor':
      return { edgeIndex: tf.tensor2d([...src, ...dst], [2, src.length], 'int32'), options: {} };
    case 'float32 tensor':
      return { edgeIndex: tf.tensor2d([...src, ...dst], [2, src.length], 'float32'), options: {} };
    case 'pairs':
      return { edgeIndex: pairs, options: { layout: 'pairs' } };
    case 'pairs tensor':
      return { edgeIndex: tf.tensor2d(pairs.flat(), [src.length, 2], 'int32'), options: { layout: 'pairs' } };
  }
}

function build(c: ValidCase): Graph {
  const { edgeIndex, options } = edgesIn(c.form, c.src, c.dst);
  const rows = c.givenNumNodes ?? c.n;
  const init: GraphInit = { edgeIndex };
  if (c.withX) init.x = tf.randomNormal([rows, 3]) as tf.Tensor2D;
  if (c.givenNumNodes !== undefined) init.numNodes = c.givenNumNodes;
  return new Graph(init, options);
}

describe('Graph from drawn input', () => {
  it('valid input: counts, int32 [2, E] indices equal to the input, a consistent CSR, nothing leaked', () => {
    fc.assert(
      fc.property(validCase, (c) => {
        const before = tf.memory().numTensors;
        const g = build(c);
        const largest = Math.max(-1, ...c.src, ...c.dst);
        const expectedNodes = c.givenNumNodes ?? (c.withX ? c.n : largest + 1);
        expect(g.numNodes).toBe(expectedNodes);
        expect(g.numEdges).toBe(c.src.length);
        expect(g.edgeIndex.dtype).toBe('int32');
        expect(g.edgeIndex.shape).toEqual([2, c.src.length]);
        expect(Array.from(g.edgeIndex.dataSync())).toEqual([...c.src, ...c.dst]);
        const { indptr, indices, edgePerm } = g.toCSR();
        expect(indptr.length).toBe(g.numNodes + 1);
        expect(indptr[g.numNodes]).toBe(c.src.length);
        expect([...edgePerm].sort((a, b) => a - b)).toEqual(c.src.map((_, e) => e));
        edgePerm.forEach((e, k) => expect(indices[k]).toBe(c.src[e]));
        g.dispose();
        expect(g.isDisposed).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      }),
      fuzzParameters(300),
    );
  });

  const MUTATIONS = [
    'negative id',
    'fractional id',
    'NaN id',
    'id beyond numNodes',
    'rows of different lengths',
    'float32 id from 2^24',
    'int64 id beyond int32',
    'NaN feature',
    'bool features',
    'int32 features',
    'features with other rows',
    'unknown layout',
    'pairs without layout',
    'not edges',
    'rank-1 tensor',
  ] as const;

  it('invalid input: a GraphValidationError, never another exception, and nothing leaked', () => {
    const invalid = fc.record({
      base: validCase.filter((c) => c.src.length > 0),
      mutation: fc.constantFrom(...MUTATIONS),
      at: fc.nat(),
      junk: fc.constantFrom<unknown>(null, undefined, 'edges', 42, {}, [[0, 1]], [[0], [1], [2]], [new Map(), new Set()]),
    });
    fc.assert(
      fc.property(invalid, ({ base, mutation, at, junk }) => {
        const before = tf.memory().numTensors;
        const made: tf.Tensor[] = [];
        const keep = <T extends tf.Tensor>(t: T): T => {
          made.push(t);
          return t;
        };
        const e = at % base.src.length;
        const src: number[] = [...base.src];
        const dst: number[] = [...base.dst];
        let edgeIndex: unknown = [src, dst];
        let options: Record<string, unknown> = {};
        const init: Record<string, unknown> = {};
        switch (mutation) {
          case 'negative id':
            src[e] = -1 - (at % 3);
            break;
          case 'fractional id':
            dst[e] = 0.5;
            break;
          case 'NaN id':
            src[e] = Number.NaN;
            break;
          case 'id beyond numNodes':
            init['numNodes'] = Math.max(...src, ...dst);
            break;
          case 'rows of different lengths':
            edgeIndex = [src, dst.slice(1)];
            break;
          case 'float32 id from 2^24':
            src[e] = 2 ** 24 + (at % 5) * 2;
            edgeIndex = keep(tf.tensor2d([...src, ...dst], [2, src.length], 'float32'));
            break;
          case 'int64 id beyond int32':
            edgeIndex = [src.map(BigInt), dst.map((d, k) => (k === e ? 2n ** 31n + BigInt(at % 7) : BigInt(d)))];
            break;
          case 'NaN feature':
            init['x'] = keep(tf.fill([base.n, 2], Number.NaN));
            break;
          case 'bool features':
            init['x'] = keep(tf.ones([base.n, 2], 'bool'));
            break;
          case 'int32 features':
            init['x'] = keep(tf.ones([base.n, 2], 'int32'));
            break;
          case 'features with other rows':
            init['x'] = keep(tf.ones([base.n, 2]));
            init['numNodes'] = base.n + 1 + (at % 3);
            break;
          case 'unknown layout':
            options = { layout: ['rows', 'cols', 'PAIRS', 1][at % 4] };
            break;
          case 'pairs without layout':
            edgeIndex = src.length === 2 ? [[...src, 0], [...dst, 0], [0, 0]] : src.map((s, k) => [s, dst[k]]);
            break;
          case 'not edges':
            edgeIndex = junk;
            break;
          case 'rank-1 tensor':
            edgeIndex = keep(tf.tensor1d(src, 'int32'));
            break;
        }
        let thrown: unknown;
        try {
          new Graph({ ...init, edgeIndex } as unknown as GraphInit, options as GraphOptions);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${mutation}: expected a GraphValidationError`).toBeInstanceOf(GraphValidationError);
        tf.dispose(made);
        expect(tf.memory().numTensors).toBe(before);
      }),
      fuzzParameters(400),
    );
  });
});

describe('HeteroGraph from drawn input', () => {
  const TYPES = ['a', 'b', 'c'] as const;
  interface Store {
    readonly type: [string, string, string];
    readonly src: number[];
    readonly dst: number[];
  }
  const hetero = fc
    .record({
      sizes: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)),
      relations: fc.uniqueArray(fc.tuple(fc.nat(2), fc.nat(2), fc.constantFrom('r', 's')), {
        maxLength: 4,
        selector: ([s, d, r]) => `${s}${r}${d}`,
      }),
      withX: fc.boolean(),
    })
    .chain(({ sizes, relations, withX }) =>
      fc.record({
        sizes: fc.constant(sizes),
        withX: fc.constant(withX),
        stores: fc.tuple(
          ...relations.map(([s, d, r]) => {
            const pair = sizes[s] === 0 || sizes[d] === 0 ? fc.constant(null) : fc.tuple(fc.nat(sizes[s]! - 1), fc.nat(sizes[d]! - 1));
            return fc.array(pair, { maxLength: 6 }).map((ps): Store => {
              const edges = ps.filter((p): p is [number, number] => p !== null);
              return { type: [TYPES[s]!, r, TYPES[d]!], src: edges.map(([x]) => x), dst: edges.map(([, y]) => y) };
            });
          }),
        ),
      }),
    );

  it('valid input: per-type counts, edge indices equal to the input, nothing leaked; an out-of-range id is a GraphValidationError', () => {
    fc.assert(
      fc.property(hetero, fc.nat(), ({ sizes, withX, stores }, at) => {
        const before = tf.memory().numTensors;
        const nodes = Object.fromEntries(
          TYPES.map((t, k) => [t, withX ? { x: tf.ones([sizes[k]!, 2]) as tf.Tensor2D } : { numNodes: sizes[k]! }]),
        );
        const edges = stores.map((s) => ({ type: s.type, edgeIndex: [s.src, s.dst] }));
        const g = new HeteroGraph({ nodes, edges });
        expect(g.numNodes).toBe(sizes[0] + sizes[1] + sizes[2]);
        expect(g.numEdges).toBe(stores.reduce((n, s) => n + s.src.length, 0));
        for (const s of stores) {
          const store = g.edge(s.type);
          expect(Array.from(store.edgeIndex.dataSync())).toEqual([...s.src, ...s.dst]);
          expect(store.size).toEqual([sizes[TYPES.indexOf(s.type[0] as 'a')], sizes[TYPES.indexOf(s.type[2] as 'a')]]);
        }
        g.dispose();
        expect(tf.memory().numTensors).toBe(before);

        // The same graph with one destination id past its type's node count.
        const withEdges = stores.filter((s) => s.src.length > 0);
        if (withEdges.length === 0) return;
        const bad = withEdges[at % withEdges.length]!;
        const badEdges = stores.map((s) => ({
          type: s.type,
          edgeIndex: [s.src, s === bad ? s.dst.map((d, k) => (k === 0 ? sizes[TYPES.indexOf(s.type[2] as 'a')]! + (at % 3) : d)) : s.dst],
        }));
        const counts = Object.fromEntries(TYPES.map((t, k) => [t, { numNodes: sizes[k]! }]));
        expect(() => new HeteroGraph({ nodes: counts, edges: badEdges })).toThrow(GraphValidationError);
        expect(tf.memory().numTensors).toBe(before);
      }),
      fuzzParameters(200),
    );
  });
});
