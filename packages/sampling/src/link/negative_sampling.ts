/** PyG's `utils.negative_sampling`: random node pairs that are not edges. */
import * as tf from '@tensorflow/tfjs-core';
import { nextSeed } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import { Random } from '../sampler/random.js';

/** Options of {@link negativeSampling}; defaults are PyG's. */
export interface NegativeSamplingOptions {
  /** Nodes (`N`: pairs of one node set), or `[numSrc, numDst]` for a bipartite graph. Default: the largest index + 1. */
  numNodes?: number | readonly [number, number] | undefined;
  /** How many negatives to try for (PyG: "approximate"). Default: one per edge. */
  numNegSamples?: number | undefined;
  /** `'sparse'` checks candidates against a set of the edges; `'dense'` against a bit per possible pair (faster, `N²` bytes). */
  method?: 'sparse' | 'dense' | undefined;
  /** Undirected negatives: each sampled pair `i < j` comes back as `(i, j)` and `(j, i)`. Ignored for bipartite graphs. */
  forceUndirected?: boolean | undefined;
  /** Seed of the draws. Default: from `manualSeed`, else random. */
  seed?: number | undefined;
}

/** Pairs are numbered as PyG numbers them, so a pair and its number convert both ways. */
interface PairCode {
  population: number;
  encode(row: number, col: number): number | undefined;
  decode(idx: number): [number, number];
}

function pairCode(size: readonly [number, number], bipartite: boolean, undirected: boolean): PairCode {
  const [numSrc, numDst] = size;
  if (bipartite) {
    return { population: numSrc * numDst, encode: (r, c) => r * numDst + c, decode: (idx) => [Math.floor(idx / numDst), idx % numDst] };
  }
  const n = numSrc;
  if (undirected) {
    // Upper triangle without the diagonal: (r, c), r < c, numbered row by row.
    const base = (r: number): number => r * n + r + 1 - ((r + 1) * (r + 2)) / 2;
    return {
      population: (n * (n - 1)) / 2,
      encode: (r, c) => (r < c ? r * n + c - ((r + 1) * (r + 2)) / 2 : undefined),
      decode: (idx) => {
        let lo = 0;
        let hi = n - 2;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (base(mid) <= idx) lo = mid;
          else hi = mid - 1;
        }
        return [lo, idx - base(lo) + lo + 1];
      },
    };
  }
  // Every ordered pair but self-loops.
  return {
    population: n * n - n,
    encode: (r, c) => (r === c ? undefined : r * (n - 1) + (c > r ? c - 1 : c)),
    decode: (idx) => {
      const r = Math.floor(idx / (n - 1));
      const c = idx % (n - 1);
      return [r, c >= r ? c + 1 : c];
    },
  };
}

/** `k` distinct numbers of `[0, population)` in random order (all of them when `population <= k`), as Python's `random.sample`. */
function sample(random: Random, population: number, k: number): number[] {
  if (population <= k) return Array.from({ length: population }, (_, i) => i);
  const chosen = new Set<number>();
  const out: number[] = [];
  for (let i = population - k; i < population; i++) {
    let v = random.int(0, i + 1);
    if (chosen.has(v)) v = i;
    chosen.add(v);
    out.push(v);
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Samples random negative edges of a graph (PyG's `negative_sampling`): up to
 * `numNegSamples` node pairs that are not edges, self-loops excluded (except
 * in bipartite graphs), drawn without replacement from all pairs with PyG's
 * over-sampling (1.1 × / the share of free pairs, 3 tries). Returns an int32
 * `[2, E']` tensor (fewer pairs when not enough are free; none when the graph
 * is complete).
 *
 * @example
 * ```ts
 * const neg = negativeSampling(graph.edgeIndex, { numNodes: graph.numNodes, seed: 0 }); // [2, E]
 * ```
 */
export function negativeSampling(edgeIndex: tf.Tensor2D | readonly [ArrayLike<number>, ArrayLike<number>], options: NegativeSamplingOptions = {}): tf.Tensor2D {
  const [row, col] = readPairs(edgeIndex);
  const method = options.method ?? 'sparse';
  if (method !== 'sparse' && method !== 'dense') throw new SamplingError('method', `expected 'sparse' or 'dense', got ${JSON.stringify(method)}`);
  let max = -1;
  for (let e = 0; e < row.length; e++) max = Math.max(max, row[e]!, col[e]!);
  const numNodes = options.numNodes ?? max + 1;
  const bipartite = Array.isArray(numNodes);
  const size: [number, number] = bipartite ? [(numNodes as readonly number[])[0]!, (numNodes as readonly number[])[1]!] : [numNodes as number, numNodes as number];
  for (const [v, n, name] of [
    [maxOf(row), size[0], 'source'],
    [maxOf(col), size[1], 'destination'],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new SamplingError('numNodes', `expected non-negative integers, got ${n}`);
    if (v >= n) throw new SamplingError('edgeIndex', `${name} node ${v} is outside [0, ${n}) (numNodes)`);
  }
  const undirected = !bipartite && (options.forceUndirected ?? false);
  const code = pairCode(size, bipartite, undirected);
  const existing: number[] = [];
  for (let e = 0; e < row.length; e++) {
    const idx = code.encode(row[e]!, col[e]!);
    if (idx !== undefined) existing.push(idx);
  }
  if (existing.length >= code.population) return tf.tensor2d([], [2, 0], 'int32');
  let numNeg = options.numNegSamples ?? row.length;
  if (!Number.isInteger(numNeg) || numNeg < 0) throw new SamplingError('numNegSamples', `expected a non-negative integer, got ${numNeg}`);
  if (undirected) numNeg = Math.floor(numNeg / 2);
  const prob = 1 - existing.length / code.population;
  const sampleSize = Math.floor((1.1 * numNeg) / prob);
  const random = new Random(options.seed ?? nextSeed() ?? Math.floor(Math.random() * 2 ** 31));

  const taken: number[] = [];
  if (method === 'dense') {
    if (code.population > 2 ** 31) throw new SamplingError('method', `'dense' needs a byte per pair (${code.population} pairs); use 'sparse'`);
    const free = new Uint8Array(code.population).fill(1);
    for (const idx of existing) free[idx] = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const idx of sample(random, code.population, sampleSize)) if (free[idx]) taken.push(idx);
      if (taken.length >= numNeg) break;
      for (const idx of taken) free[idx] = 0;
    }
  } else {
    const edges = new Set(existing);
    const seen = new Set<number>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = sample(random, code.population, sampleSize).filter((idx) => !edges.has(idx) && !seen.has(idx));
      for (const idx of fresh) {
        seen.add(idx);
        taken.push(idx);
      }
      if (taken.length >= numNeg) break;
    }
  }
  const chosen = taken.slice(0, numNeg);
  const pairs = chosen.map((idx) => code.decode(idx));
  const src = pairs.map((p) => p[0]);
  const dst = pairs.map((p) => p[1]);
  const rows = undirected ? [...src, ...dst] : src;
  const cols = undirected ? [...dst, ...src] : dst;
  return tf.tensor2d([...rows, ...cols], [2, rows.length], 'int32');
}

function maxOf(values: ArrayLike<number>): number {
  let m = -1;
  for (let i = 0; i < values.length; i++) m = Math.max(m, values[i]!);
  return m;
}

/** The two rows of an edge index, checked to be non-negative integers. */
export function readPairs(edgeIndex: tf.Tensor2D | readonly [ArrayLike<number>, ArrayLike<number>], field = 'edgeIndex'): [Int32Array, Int32Array] {
  let row: ArrayLike<number>;
  let col: ArrayLike<number>;
  if (edgeIndex instanceof tf.Tensor) {
    if (edgeIndex.rank !== 2 || edgeIndex.shape[0] !== 2) throw new SamplingError(field, `expected shape [2, E], got [${edgeIndex.shape.join(', ')}]`);
    const data = edgeIndex.dataSync();
    const e = edgeIndex.shape[1];
    row = data.subarray(0, e);
    col = data.subarray(e, 2 * e);
  } else {
    if (!Array.isArray(edgeIndex) || edgeIndex.length !== 2) throw new SamplingError(field, 'expected [sources, destinations]');
    [row, col] = edgeIndex;
    if (row.length !== col.length) throw new SamplingError(field, `has ${row.length} sources and ${col.length} destinations`);
  }
  const out: [Int32Array, Int32Array] = [new Int32Array(row.length), new Int32Array(row.length)];
  for (let e = 0; e < row.length; e++) {
    for (const [k, v] of [row[e]!, col[e]!].entries()) {
      if (!Number.isInteger(v) || v < 0) throw new SamplingError(field, `entry ${e} of row ${k} is ${v}, not a node index`);
      out[k]![e] = v;
    }
  }
  return out;
}
