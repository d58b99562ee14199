/**
 * One scenario = one kernel, one graph, one set of float inputs, the op call
 * that runs it and the float64 reference of its output and gradients.
 */
import { concat, reshape, tensor, type Tensor } from '@tensorflow/tfjs-core';
import {
  AdditiveAttention,
  Dropout,
  GatherRows,
  SDDMM,
  SegmentMax,
  SegmentMean,
  SegmentMin,
  SegmentSoftmax,
  SegmentSum,
  SpMM,
  type GnnKernelName,
  type OptionalKernelName,
  type SDDMMOp,
} from '../kernels/kernel_names.js';
import { dropoutMask } from '../kernels/dropout_mask.js';
import { additiveAttention } from '../ops/additive_attention.js';
import { seededDropout } from '../ops/dropout.js';
import { gatherRows } from '../ops/gather_rows.js';
import { sddmm } from '../ops/sddmm.js';
import { segmentAggregate, type SegmentReduction } from '../ops/segment_reduce.js';
import { segmentSoftmax } from '../ops/segment_softmax.js';
import { spmm } from '../ops/spmm.js';
import { conformanceGraphs, outOfRangeGraph, type ConformanceGraph } from './graphs.js';
import { sizeOf, type HostTensor } from './host_tensor.js';
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
import { mulberry32, randomFloats, randomTiedValues } from './rng.js';
import { segmentAttentionScenarioOn, segmentAttentionScenarios } from './attention_scenarios.js';
import { attentionAggregateScenarios, attentionAggregateScenariosOn } from './aggregate_scenarios.js';

/** The graph's index tensors, created inside the case's `tidy`. */
export interface GraphTensors {
  readonly src: Tensor;
  readonly dst: Tensor;
  readonly edgeIndex: Tensor;
}

export interface Scenario {
  readonly kernel: GnnKernelName | OptionalKernelName;
  readonly name: string;
  readonly graph: ConformanceGraph;
  /** Float inputs, in the order `apply` takes them and gradients are checked. */
  readonly inputs: readonly { readonly name: string; readonly value: HostTensor }[];
  apply(inputs: readonly Tensor[], graph: GraphTensors): Tensor;
  reference(): HostTensor;
  referenceGrads(dy: HostTensor): readonly HostTensor[];
}

export function toTensor(value: HostTensor): Tensor {
  return tensor(Float32Array.from(value.data), [...value.shape], 'float32');
}

export function graphTensors(graph: ConformanceGraph): GraphTensors {
  const numEdges = graph.src.length;
  const src = tensor(graph.src, [numEdges], 'int32');
  const dst = tensor(graph.dst, [numEdges], 'int32');
  return { src, dst, edgeIndex: concat([reshape(src, [1, numEdges]), reshape(dst, [1, numEdges])], 0) };
}

function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

export type ValueKind = 'uniform' | 'tied' | 'large';

/** Random float32-exact values; each scenario draws from its own stream so filters do not shift others. */
export function values(seed: number, key: string, shape: readonly number[], kind: ValueKind = 'uniform'): HostTensor {
  const random = mulberry32(seed ^ hashName(key));
  const count = sizeOf(shape);
  if (kind === 'tied') return { shape, data: randomTiedValues(random, count) };
  return { shape, data: randomFloats(random, count, kind === 'large' ? -100 : -1, kind === 'large' ? 100 : 1) };
}

/**
 * Logits `[ids.length, ...row]` whose maximum in each segment lies on the
 * segment's first row (in row order) in even columns and on its last row in
 * odd columns, 740 to 760 above every other logit of the segment: beyond
 * exp's range in float32 (e^88.7 overflows) and in float64 (e^709.8), so a
 * kernel that leaves the segment's first (or last) row out of its max pass
 * computes Inf / Inf = NaN there, where shifting by any other value within
 * range would have hidden the slip.
 */
export function edgeMaxima(seed: number, key: string, ids: Int32Array, row: readonly number[]): HostTensor {
  const shape = [ids.length, ...row];
  const d = sizeOf(row);
  const out = values(seed, key, shape);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  ids.forEach((s, e) => {
    if (!first.has(s)) first.set(s, e);
    last.set(s, e);
  });
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) {
      const i = e * d + f;
      const top = (f % 2 === 0 ? first : last).get(s) === e;
      // Others in [-360, -340); the maximum 400.
      out.data[i] = top ? 400 : Math.fround(-350 + 10 * out.data[i]!);
    }
  });
  return out;
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

const REDUCTION_OF: Record<string, SegmentReduction> = {
  [SegmentSum]: 'sum',
  [SegmentMean]: 'mean',
  [SegmentMax]: 'max',
  [SegmentMin]: 'min',
};

function gatherRowsScenario(seed: number, graph: ConformanceGraph, row: readonly number[]): Scenario {
  const name = `${GatherRows} x${shapeText([graph.numSrcNodes, ...row])} on ${graph.name}`;
  const x = values(seed, name, [graph.numSrcNodes, ...row]);
  return {
    kernel: GatherRows,
    name,
    graph,
    inputs: [{ name: 'x', value: x }],
    apply: ([t], g) => gatherRows(t!, g.src),
    reference: () => gatherRowsReference(x, graph.src),
    referenceGrads: (dy) => [gatherRowsGradReference(x, graph.src, dy)],
  };
}

function segmentScenario(
  seed: number,
  kernel: GnnKernelName,
  graph: ConformanceGraph,
  row: readonly number[],
  kind: ValueKind,
): Scenario {
  const reduction = REDUCTION_OF[kernel]!;
  const tag = kind === 'uniform' ? '' : ` (${kind} values)`;
  const name = `${kernel} data${shapeText([graph.src.length, ...row])}${tag} on ${graph.name}`;
  const data = values(seed, name, [graph.src.length, ...row], kind);
  return {
    kernel,
    name,
    graph,
    inputs: [{ name: 'data', value: data }],
    apply: ([t], g) => segmentAggregate(reduction, t!, g.dst, graph.numNodes),
    reference: () => segmentReduceReference(reduction, data, graph.dst, graph.numNodes),
    referenceGrads: (dy) => [segmentReduceGradReference(reduction, data, graph.dst, graph.numNodes, dy)],
  };
}

function softmaxScenario(seed: number, graph: ConformanceGraph, row: readonly number[], kind: ValueKind | 'edge maxima'): Scenario {
  const tag = kind === 'uniform' ? '' : kind === 'edge maxima' ? ' (maxima on first/last edges, > 709 apart)' : ` (${kind} values)`;
  const name = `${SegmentSoftmax} logits${shapeText([graph.src.length, ...row])}${tag} on ${graph.name}`;
  const logits = kind === 'edge maxima' ? edgeMaxima(seed, name, graph.dst, row) : values(seed, name, [graph.src.length, ...row], kind);
  return {
    kernel: SegmentSoftmax,
    name,
    graph,
    inputs: [{ name: 'logits', value: logits }],
    apply: ([t], g) => segmentSoftmax(t!, g.dst, graph.numNodes),
    reference: () => segmentSoftmaxReference(logits, graph.dst, graph.numNodes),
    referenceGrads: (dy) => [segmentSoftmaxGradReference(logits, graph.dst, graph.numNodes, dy)],
  };
}

function spmmScenario(
  seed: number,
  graph: ConformanceGraph,
  row: readonly number[],
  weightRow: readonly number[] | undefined,
): Scenario {
  const weightText = weightRow === undefined ? 'no weight' : `weight${shapeText([graph.src.length, ...weightRow])}`;
  const name = `${SpMM} x${shapeText([graph.numSrcNodes, ...row])} ${weightText} on ${graph.name}`;
  const x = values(seed, `${name}/x`, [graph.numSrcNodes, ...row]);
  const edges = { src: graph.src, dst: graph.dst };
  if (weightRow === undefined) {
    return {
      kernel: SpMM,
      name,
      graph,
      inputs: [{ name: 'x', value: x }],
      apply: ([t], g) => spmm(g.edgeIndex, t!, undefined, graph.numNodes),
      reference: () => spmmReference(edges, x, undefined, graph.numNodes),
      referenceGrads: (dy) => [spmmGradReference(edges, x, undefined, dy).x],
    };
  }
  const weight = values(seed, `${name}/weight`, [graph.src.length, ...weightRow]);
  return {
    kernel: SpMM,
    name,
    graph,
    inputs: [
      { name: 'x', value: x },
      { name: 'weight', value: weight },
    ],
    apply: ([t, w], g) => spmm(g.edgeIndex, t!, w!, graph.numNodes),
    reference: () => spmmReference(edges, x, weight, graph.numNodes),
    referenceGrads: (dy) => {
      const grads = spmmGradReference(edges, x, weight, dy);
      return [grads.x, grads.weight!];
    },
  };
}

function sddmmScenario(seed: number, graph: ConformanceGraph, row: readonly number[], op: SDDMMOp): Scenario {
  const name = `${SDDMM} '${op}' rows${shapeText(row)} on ${graph.name}`;
  const lhs = values(seed, `${name}/lhs`, [graph.numSrcNodes, ...row]);
  const rhs = values(seed, `${name}/rhs`, [graph.numNodes, ...row]);
  const edges = { src: graph.src, dst: graph.dst };
  return {
    kernel: SDDMM,
    name,
    graph,
    inputs: [
      { name: 'lhs', value: lhs },
      { name: 'rhs', value: rhs },
    ],
    apply: ([l, r], g) => sddmm(g.edgeIndex, l!, r!, op),
    reference: () => sddmmReference(edges, lhs, rhs, op),
    referenceGrads: (dy) => {
      const grads = sddmmGradReference(edges, lhs, rhs, op, dy);
      return [grads.lhs, grads.rhs];
    },
  };
}

interface AdditiveAttentionVariant {
  readonly negativeSlope?: number;
  /** `rhs = −lhs` (one node on each side): every sum sits on LeakyReLU's kink, `z = 0`. */
  readonly atKink?: boolean;
}

function additiveAttentionScenario(
  seed: number,
  graph: ConformanceGraph,
  [heads, channels]: readonly [number, number],
  { negativeSlope = 0.2, atKink = false }: AdditiveAttentionVariant = {},
): Scenario {
  const tag = atKink ? ' at z = 0' : '';
  const name = `${AdditiveAttention} rows[${heads},${channels}] slope ${negativeSlope}${tag} on ${graph.name}`;
  const lhs = values(seed, `${name}/lhs`, [graph.numSrcNodes, heads, channels]);
  const rhs = atKink ? { shape: lhs.shape, data: lhs.data.map((v) => -v) } : values(seed, `${name}/rhs`, [graph.numNodes, heads, channels]);
  const att = values(seed, `${name}/att`, [heads, channels]);
  const edges = { src: graph.src, dst: graph.dst };
  return {
    kernel: AdditiveAttention,
    name,
    graph,
    inputs: [
      { name: 'lhs', value: lhs },
      { name: 'rhs', value: rhs },
      { name: 'att', value: att },
    ],
    apply: ([l, r, a], g) => additiveAttention(g.edgeIndex, l!, r!, a!, negativeSlope),
    reference: () => additiveAttentionReference(edges, lhs, rhs, att, negativeSlope),
    referenceGrads: (dy) => {
      const grads = additiveAttentionGradReference(edges, lhs, rhs, att, negativeSlope, dy);
      return [grads.lhs, grads.rhs, grads.att];
    },
  };
}

/**
 * Dropout of `[numNodes, ...row]` features; `sparse` zeroes two values in
 * three (the skipped entries of a fast kernel). The reference is `x · mask`
 * with the mask of kernels/dropout_mask.ts, its gradient `dy · mask`.
 */
function dropoutScenario(seed: number, graph: ConformanceGraph, row: readonly number[], rate: number, sparse: boolean): Scenario {
  const shape = [graph.numNodes, ...row];
  const name = `${Dropout} x${shapeText(shape)} rate ${rate}${sparse ? ' (mostly zeros)' : ''} on ${graph.name}`;
  const dense = values(seed, name, shape);
  const x = sparse ? { shape, data: dense.data.map((v, i) => (i % 3 === 0 ? v : 0)) } : dense;
  const dropSeed = (seed * 7919 + row.length) >>> 0;
  const mask = dropoutMask(sizeOf(shape), rate, dropSeed);
  const times = (t: HostTensor): HostTensor => ({ shape: t.shape, data: t.data.map((v, i) => v * mask[i]!) });
  return {
    kernel: Dropout,
    name,
    graph,
    inputs: [{ name: 'x', value: x }],
    apply: ([t]) => seededDropout(t!, rate, dropSeed),
    reference: () => times(x),
    referenceGrads: (dy) => [times(dy)],
  };
}

/**
 * Every scenario for the given seed: each kernel on every conformance graph,
 * plus shape variants (rank-1 rows, heads, broadcast weights) and value
 * variants (tied maxima, large logits, segment maxima on a segment's first
 * or last edge more than 88 above the rest) on the graphs where they matter.
 */
export function conformanceScenarios(seed: number): Scenario[] {
  const graphs = conformanceGraphs(seed);
  const named = (prefix: string): ConformanceGraph => graphs.find((g) => g.name.startsWith(prefix))!;
  const random = named('random');
  const hub = named('hub');
  const duplicates = named('duplicate edges');
  const scenarios: Scenario[] = [];

  for (const g of graphs) scenarios.push(gatherRowsScenario(seed, g, [3]));
  scenarios.push(gatherRowsScenario(seed, random, []), gatherRowsScenario(seed, random, [2, 3]));

  for (const kernel of [SegmentSum, SegmentMean, SegmentMax, SegmentMin] as const) {
    for (const g of graphs) scenarios.push(segmentScenario(seed, kernel, g, [3], 'uniform'));
    scenarios.push(segmentScenario(seed, kernel, random, [], 'uniform'));
    scenarios.push(segmentScenario(seed, kernel, random, [2, 3], 'uniform'));
    for (const g of [random, duplicates, hub]) scenarios.push(segmentScenario(seed, kernel, g, [3], 'tied'));
  }

  for (const g of graphs) scenarios.push(softmaxScenario(seed, g, [2], 'uniform'));
  scenarios.push(softmaxScenario(seed, random, [], 'uniform'));
  for (const g of [random, hub]) scenarios.push(softmaxScenario(seed, g, [2], 'large'));
  scenarios.push(softmaxScenario(seed, duplicates, [2], 'tied'));
  // A segment's first edge holds its maximum: the max pass must not start at the second.
  for (const g of [random, duplicates, named('self-loops'), named('one node'), hub, named('bipartite')]) {
    scenarios.push(softmaxScenario(seed, g, [2], 'edge maxima'));
  }
  scenarios.push(softmaxScenario(seed, random, [3, 2], 'edge maxima'));

  for (const g of graphs) scenarios.push(spmmScenario(seed, g, [4], []));
  for (const g of [random, hub, named('no edges')]) scenarios.push(spmmScenario(seed, g, [4], undefined));
  for (const g of [random, hub, duplicates, named('bipartite')]) scenarios.push(spmmScenario(seed, g, [2, 3], [2]));
  scenarios.push(spmmScenario(seed, random, [2, 3], [2, 3]), spmmScenario(seed, random, [4], [4]));
  // Eight channels per head, GAT's default (kernels unroll it).
  scenarios.push(spmmScenario(seed, hub, [3, 8], [3]));

  for (const g of graphs) {
    scenarios.push(sddmmScenario(seed, g, [2], 'add'), sddmmScenario(seed, g, [3], 'mul'), sddmmScenario(seed, g, [4], 'dot'));
  }
  scenarios.push(
    sddmmScenario(seed, random, [2, 3], 'dot'),
    sddmmScenario(seed, hub, [2, 3], 'dot'),
    sddmmScenario(seed, duplicates, [3, 8], 'dot'),
    sddmmScenario(seed, random, [], 'add'),
    sddmmScenario(seed, random, [], 'mul'),
  );

  for (const g of graphs) scenarios.push(additiveAttentionScenario(seed, g, [2, 3]));
  scenarios.push(
    additiveAttentionScenario(seed, random, [1, 5]),
    additiveAttentionScenario(seed, hub, [3, 8]),
    // GATConv's logits: one channel per head.
    additiveAttentionScenario(seed, duplicates, [4, 1]),
    additiveAttentionScenario(seed, outOfRangeGraph(seed), [4, 1]),
    additiveAttentionScenario(seed, random, [2, 3], { negativeSlope: 0 }),
    additiveAttentionScenario(seed, duplicates, [2, 3], { negativeSlope: 1.5 }),
    additiveAttentionScenario(seed, named('one node'), [2, 3], { atKink: true }),
    additiveAttentionScenario(seed, outOfRangeGraph(seed), [2, 3]),
  );

  scenarios.push(
    dropoutScenario(seed, random, [3], 0.5, false),
    dropoutScenario(seed, random, [5], 0.6, true),
    dropoutScenario(seed, hub, [], 0.9, true),
    dropoutScenario(seed, named('no edges'), [4], 0.2, false),
  );

  scenarios.push(...segmentAttentionScenarios(seed));
  scenarios.push(...attentionAggregateScenarios(seed, graphs));
  return scenarios;
}

/** Node segments of a graph for `SegmentAttention` (one id per node; ids outside `[0, numSegments)` are dropped by the kernel). */
export interface NodeSegments {
  readonly ids: Int32Array;
  readonly numSegments: number;
}

/**
 * One scenario of every GNN kernel on one graph (for property-based tests
 * that draw the graph): gather, the four segment reductions, softmax (uniform
 * logits, and maxima on segments' first/last edges far above the rest), SpMM
 * with and without per-head weights, SDDMM's three ops, additive attention,
 * dropout, and segment attention over `segments` (default: one segment).
 */
export function kernelScenarios(seed: number, graph: ConformanceGraph, segments?: NodeSegments): Scenario[] {
  const ids = segments?.ids ?? new Int32Array(graph.numNodes);
  return [
    gatherRowsScenario(seed, graph, [3]),
    ...([SegmentSum, SegmentMean, SegmentMax, SegmentMin] as const).map((k) => segmentScenario(seed, k, graph, [3], 'uniform')),
    softmaxScenario(seed, graph, [2], 'uniform'),
    softmaxScenario(seed, graph, [2], 'edge maxima'),
    spmmScenario(seed, graph, [4], undefined),
    spmmScenario(seed, graph, [2, 3], [2]),
    sddmmScenario(seed, graph, [2], 'add'),
    sddmmScenario(seed, graph, [3], 'mul'),
    sddmmScenario(seed, graph, [2, 3], 'dot'),
    additiveAttentionScenario(seed, graph, [2, 3]),
    dropoutScenario(seed, graph, [3], 0.4, false),
    segmentAttentionScenarioOn(seed, graph, ids, segments?.numSegments ?? 1),
    ...attentionAggregateScenariosOn(seed, graph),
  ];
}
