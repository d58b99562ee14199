/**
 * Scenarios of `SegmentAttention`: node sets split into segments (the graphs
 * of a mini-batch) rather than edge lists. Each batch is carried as a
 * `ConformanceGraph` without edges, for the suite's naming and bookkeeping;
 * its segment ids travel with the scenario.
 */
import { tensor1d, type Tensor } from '@tensorflow/tfjs-core';
import { SegmentAttention } from '../kernels/kernel_names.js';
import { segmentAttention } from '../ops/segment_attention.js';
import type { ConformanceGraph } from './graphs.js';
import type { HostTensor } from './host_tensor.js';
import { segmentAttentionGradReference, segmentAttentionReference, type ReferenceAttentionAttrs } from './reference_attention.js';
import { mulberry32 } from './rng.js';
import { shapeText, values, type Scenario, type ValueKind } from './scenarios.js';

/** Nodes with their segment ids (`ids[i]` may be unsorted or out of range). */
interface ConformanceBatch {
  readonly graph: ConformanceGraph;
  readonly ids: Int32Array;
  readonly numSegments: number;
}

function batch(name: string, ids: readonly number[], numSegments: number): ConformanceBatch {
  const graph: ConformanceGraph = {
    name: `${name} (N=${ids.length}, ${numSegments} segments)`,
    numNodes: ids.length,
    numSrcNodes: ids.length,
    src: new Int32Array(0),
    dst: new Int32Array(0),
  };
  return { graph, ids: Int32Array.from(ids), numSegments };
}

/** Sorted ids of consecutive segments of the given sizes. */
function sortedIds(sizes: readonly number[]): number[] {
  return sizes.flatMap((n, s) => new Array<number>(n).fill(s));
}

/** The batches: uneven sizes with 1-node and empty graphs, unsorted and out-of-range ids, one large graph, singletons, nothing. */
export function conformanceBatches(seed: number): ConformanceBatch[] {
  const random = mulberry32(seed ^ 0xa77e);
  const sizes = [3, 1, 0, 5, 2, 4, 1];
  const shuffled = [...sortedIds(sizes), -1, sizes.length];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return [
    batch('random batch of uneven graphs (1-node and empty ones)', sortedIds(sizes), sizes.length),
    batch('shuffled batch with ids out of range', shuffled, sizes.length),
    batch('one graph of 40 nodes', sortedIds([40]), 1),
    batch('six 1-node graphs', sortedIds([1, 1, 1, 1, 1, 1]), 6),
    batch('no nodes', [], 2),
  ];
}

interface Variant {
  readonly heads: number;
  readonly dk: number;
  readonly dv: number;
  readonly scale?: number;
  readonly dropoutRate?: number;
  /** Queries drawn in [-100, 100]: scores far beyond exp's float32 range unless the row maximum is subtracted. */
  readonly largeQueries?: boolean;
  /**
   * Every query's highest score lies on its segment's first key (even heads)
   * or last key (odd heads), more than 709 above the others (dk 2, scale 1):
   * a max pass that skips that key overflows exp, in float32 and in float64.
   */
  readonly edgeMaxima?: boolean;
}

/**
 * Queries `[10, u]` and keys `[40, u]` on a segment's first (even heads) or
 * last (odd heads) node, `[-35 ± 1, u]` elsewhere (u in [-1, 1]): scores
 * 399 to 401 against -361 to -339.
 */
function edgeMaximaInputs(seed: number, name: string, b: ConformanceBatch, heads: number): { query: HostTensor; key: HostTensor } {
  const n = b.graph.numNodes;
  const query = values(seed, `${name}/query`, [n, heads, 2]);
  const key = values(seed, `${name}/key`, [n, heads, 2]);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  b.ids.forEach((s, i) => {
    if (!first.has(s)) first.set(s, i);
    last.set(s, i);
  });
  b.ids.forEach((s, i) => {
    for (let h = 0; h < heads; h++) {
      const at = (i * heads + h) * 2;
      query.data[at] = 10;
      const top = (h % 2 === 0 ? first : last).get(s) === i;
      key.data[at] = top ? 40 : Math.fround(-35 + key.data[at]!);
    }
  });
  return { query, key };
}

function scenario(seed: number, b: ConformanceBatch, variant: Variant): Scenario {
  const { heads, dk, dv } = variant;
  const n = b.graph.numNodes;
  const attrs: ReferenceAttentionAttrs = {
    numSegments: b.numSegments,
    scale: variant.scale ?? 1 / Math.sqrt(dk),
    dropoutRate: variant.dropoutRate ?? 0,
    seed: variant.dropoutRate === undefined ? 0 : (seed * 31 + 7) >>> 0,
  };
  const tags = [
    variant.scale === undefined ? '' : ` scale ${variant.scale}`,
    variant.dropoutRate === undefined ? '' : ` dropout ${variant.dropoutRate}`,
    variant.largeQueries === true ? ' (large queries)' : '',
    variant.edgeMaxima === true ? ' (maxima on first/last keys, > 709 apart)' : '',
  ].join('');
  const name = `${SegmentAttention} q${shapeText([n, heads, dk])} v${shapeText([n, heads, dv])}${tags} on ${b.graph.name}`;
  const queryKind: ValueKind = variant.largeQueries === true ? 'large' : 'uniform';
  const { query, key } =
    variant.edgeMaxima === true
      ? edgeMaximaInputs(seed, name, b, heads)
      : { query: values(seed, `${name}/query`, [n, heads, dk], queryKind), key: values(seed, `${name}/key`, [n, heads, dk]) };
  const value = values(seed, `${name}/value`, [n, heads, dv]);
  const options = { scale: attrs.scale, ...(attrs.dropoutRate > 0 ? { dropoutRate: attrs.dropoutRate, seed: attrs.seed } : {}) };
  return {
    kernel: SegmentAttention,
    name,
    graph: b.graph,
    inputs: [
      { name: 'query', value: query },
      { name: 'key', value: key },
      { name: 'value', value: value },
    ],
    apply: ([q, k, v]): Tensor => segmentAttention(q!, k!, v!, tensor1d(b.ids, 'int32'), b.numSegments, options),
    reference: () => segmentAttentionReference(query, key, value, b.ids, attrs),
    referenceGrads: (dy) => {
      const grads = segmentAttentionGradReference(query, key, value, b.ids, attrs, dy);
      return [grads.query, grads.key, grads.value];
    },
  };
}

/** One `SegmentAttention` scenario on `graph`'s nodes split into `numSegments` segments by `ids` (e.g. drawn by a fuzz test). */
export function segmentAttentionScenarioOn(seed: number, graph: ConformanceGraph, ids: Int32Array, numSegments: number): Scenario {
  return scenario(seed, { graph, ids, numSegments }, { heads: 2, dk: 3, dv: 2 });
}

/** Every `SegmentAttention` scenario for `seed`. */
export function segmentAttentionScenarios(seed: number): Scenario[] {
  const [random, shuffled, large, singletons, empty] = conformanceBatches(seed) as [
    ConformanceBatch,
    ConformanceBatch,
    ConformanceBatch,
    ConformanceBatch,
    ConformanceBatch,
  ];
  return [
    scenario(seed, random, { heads: 2, dk: 3, dv: 4 }),
    scenario(seed, shuffled, { heads: 2, dk: 3, dv: 4 }),
    scenario(seed, large, { heads: 1, dk: 8, dv: 8 }),
    scenario(seed, large, { heads: 4, dk: 2, dv: 5, scale: 0.5 }),
    scenario(seed, singletons, { heads: 3, dk: 2, dv: 2 }),
    scenario(seed, empty, { heads: 2, dk: 3, dv: 3 }),
    scenario(seed, random, { heads: 2, dk: 3, dv: 4, largeQueries: true }),
    scenario(seed, random, { heads: 2, dk: 4, dv: 4, dropoutRate: 0.3 }),
    scenario(seed, large, { heads: 2, dk: 8, dv: 8, dropoutRate: 0.5 }),
    scenario(seed, random, { heads: 2, dk: 2, dv: 3, scale: 1, edgeMaxima: true }),
    scenario(seed, shuffled, { heads: 2, dk: 2, dv: 3, scale: 1, edgeMaxima: true }),
    scenario(seed, large, { heads: 2, dk: 2, dv: 3, scale: 1, edgeMaxima: true }),
  ];
}
