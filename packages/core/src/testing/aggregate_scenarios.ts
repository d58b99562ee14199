/**
 * Scenarios of the fused attention kernels: `AttentionProjection` on node
 * features, `SoftmaxAggregate` and `GatAttention` on the conformance graphs
 * (with attention dropout, large and far-apart logits, LeakyReLU's kink and
 * slopes of 0 and above 1).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { AttentionProjection, GatAttention, SoftmaxAggregate } from '../kernels/kernel_names.js';
import { gatAttention, softmaxAggregate } from '../ops/attention_aggregate.js';
import { attentionProjection } from '../ops/attention_projection.js';
import type { ConformanceGraph } from './graphs.js';
import type { HostTensor } from './host_tensor.js';
import {
  attentionProjectionGradReference,
  attentionProjectionReference,
  gatAttentionGradReference,
  gatAttentionReference,
  softmaxAggregateGradReference,
  softmaxAggregateReference,
  type ReferenceDropout,
} from './reference_aggregate.js';
import { edgeMaxima, shapeText, values, type Scenario, type ValueKind } from './scenarios.js';

export function attentionProjectionScenario(seed: number, graph: ConformanceGraph, [heads, channels]: readonly [number, number]): Scenario {
  const shape = [graph.numNodes, heads, channels];
  const name = `${AttentionProjection} x${shapeText(shape)} on ${graph.name}`;
  const x = values(seed, `${name}/x`, shape);
  const att = values(seed, `${name}/att`, [heads, channels]);
  return {
    kernel: AttentionProjection,
    name,
    graph,
    inputs: [
      { name: 'x', value: x },
      { name: 'att', value: att },
    ],
    apply: ([t, a]) => attentionProjection(t!, a!),
    reference: () => attentionProjectionReference(x, att),
    referenceGrads: (dy) => {
      const grads = attentionProjectionGradReference(x, att, dy);
      return [grads.x, grads.att];
    },
  };
}

interface AggregateVariant {
  readonly heads: number;
  readonly channels: number;
  readonly dropoutRate?: number;
  /** Logits (or scores) in [-100, 100]: far beyond exp's float32 range unless each target's maximum is subtracted. */
  readonly large?: boolean;
}

function dropoutOf(seed: number, variant: AggregateVariant): ReferenceDropout {
  return variant.dropoutRate === undefined ? { dropoutRate: 0, seed: 0 } : { dropoutRate: variant.dropoutRate, seed: (seed * 7877 + variant.heads) >>> 0 };
}

function tagsOf(variant: AggregateVariant, extra = ''): string {
  const dropout = variant.dropoutRate === undefined ? '' : ` dropout ${variant.dropoutRate}`;
  return `${dropout}${variant.large === true ? ' (large values)' : ''}${extra}`;
}

export function softmaxAggregateScenario(
  seed: number,
  graph: ConformanceGraph,
  variant: AggregateVariant & { readonly edgeMaxima?: boolean },
): Scenario {
  const { heads, channels } = variant;
  const drop = dropoutOf(seed, variant);
  const tags = tagsOf(variant, variant.edgeMaxima === true ? ' (maxima on first/last edges, > 709 apart)' : '');
  const name = `${SoftmaxAggregate} x${shapeText([graph.numSrcNodes, heads, channels])}${tags} on ${graph.name}`;
  const x = values(seed, `${name}/x`, [graph.numSrcNodes, heads, channels]);
  const kind: ValueKind = variant.large === true ? 'large' : 'uniform';
  const logits =
    variant.edgeMaxima === true ? edgeMaxima(seed, `${name}/logits`, graph.dst, [heads]) : values(seed, `${name}/logits`, [graph.src.length, heads], kind);
  const edges = { src: graph.src, dst: graph.dst };
  return {
    kernel: SoftmaxAggregate,
    name,
    graph,
    inputs: [
      { name: 'x', value: x },
      { name: 'logits', value: logits },
    ],
    apply: ([t, l], g): Tensor => softmaxAggregate(g.edgeIndex, t!, l!, graph.numNodes, dropOptions(drop)),
    reference: () => softmaxAggregateReference(edges, x, logits, graph.numNodes, drop),
    referenceGrads: (dy) => {
      const grads = softmaxAggregateGradReference(edges, x, logits, graph.numNodes, drop, dy);
      return [grads.x, grads.logits];
    },
  };
}

function dropOptions(drop: ReferenceDropout): { dropoutRate?: number; seed?: number } {
  return drop.dropoutRate > 0 ? { dropoutRate: drop.dropoutRate, seed: drop.seed } : {};
}

export function gatAttentionScenario(
  seed: number,
  graph: ConformanceGraph,
  variant: AggregateVariant & { readonly negativeSlope?: number; readonly atKink?: boolean },
): Scenario {
  const { heads, channels } = variant;
  const negativeSlope = variant.negativeSlope ?? 0.2;
  const drop = dropoutOf(seed, variant);
  const tags = tagsOf(variant, `${variant.atKink === true ? ' at z = 0' : ''} slope ${negativeSlope}`);
  const name = `${GatAttention} x${shapeText([graph.numSrcNodes, heads, channels])}${tags} on ${graph.name}`;
  const x = values(seed, `${name}/x`, [graph.numSrcNodes, heads, channels]);
  const kind: ValueKind = variant.large === true ? 'large' : 'uniform';
  const scoreSrc = values(seed, `${name}/scoreSrc`, [graph.numSrcNodes, heads], kind);
  // At the kink every edge's sum is 0 (one node on each side: the scores cancel).
  const scoreDst: HostTensor =
    variant.atKink === true ? { shape: scoreSrc.shape, data: scoreSrc.data.map((v) => -v) } : values(seed, `${name}/scoreDst`, [graph.numNodes, heads], kind);
  const edges = { src: graph.src, dst: graph.dst };
  return {
    kernel: GatAttention,
    name,
    graph,
    inputs: [
      { name: 'x', value: x },
      { name: 'scoreSrc', value: scoreSrc },
      { name: 'scoreDst', value: scoreDst },
    ],
    apply: ([t, s, d], g): Tensor => gatAttention(g.edgeIndex, t!, s!, d!, graph.numNodes, { negativeSlope, ...dropOptions(drop) }),
    reference: () => gatAttentionReference(edges, x, scoreSrc, scoreDst, negativeSlope, drop),
    referenceGrads: (dy) => {
      const grads = gatAttentionGradReference(edges, x, scoreSrc, scoreDst, negativeSlope, drop, dy);
      return [grads.x, grads.scoreSrc, grads.scoreDst];
    },
  };
}

/** Every scenario of the three kernels on the conformance graphs. */
export function attentionAggregateScenarios(seed: number, graphs: readonly ConformanceGraph[]): Scenario[] {
  const named = (prefix: string): ConformanceGraph => graphs.find((g) => g.name.startsWith(prefix))!;
  const random = named('random');
  const hub = named('hub');
  const duplicates = named('duplicate edges');
  const bipartite = named('bipartite');
  const scenarios: Scenario[] = [];

  scenarios.push(
    attentionProjectionScenario(seed, random, [2, 3]),
    attentionProjectionScenario(seed, hub, [8, 8]),
    attentionProjectionScenario(seed, named('one node'), [1, 7]),
    attentionProjectionScenario(seed, named('no edges'), [3, 1]),
  );

  for (const g of graphs) scenarios.push(softmaxAggregateScenario(seed, g, { heads: 2, channels: 3 }));
  scenarios.push(
    softmaxAggregateScenario(seed, random, { heads: 2, channels: 3, dropoutRate: 0.5 }),
    softmaxAggregateScenario(seed, hub, { heads: 8, channels: 8, dropoutRate: 0.6 }),
    softmaxAggregateScenario(seed, duplicates, { heads: 1, channels: 7 }),
    softmaxAggregateScenario(seed, hub, { heads: 2, channels: 3, large: true }),
    softmaxAggregateScenario(seed, bipartite, { heads: 3, channels: 5, dropoutRate: 0.3 }),
  );
  // A target's maximum on its first (or last) edge: the max pass must see every edge.
  for (const g of [random, duplicates, named('self-loops'), hub, bipartite]) {
    scenarios.push(softmaxAggregateScenario(seed, g, { heads: 2, channels: 3, edgeMaxima: true }));
  }

  for (const g of graphs) scenarios.push(gatAttentionScenario(seed, g, { heads: 2, channels: 3 }));
  scenarios.push(
    gatAttentionScenario(seed, random, { heads: 2, channels: 3, dropoutRate: 0.6 }),
    gatAttentionScenario(seed, hub, { heads: 8, channels: 8, dropoutRate: 0.6 }),
    gatAttentionScenario(seed, duplicates, { heads: 1, channels: 7, dropoutRate: 0.5 }),
    gatAttentionScenario(seed, bipartite, { heads: 3, channels: 5, dropoutRate: 0.3 }),
    gatAttentionScenario(seed, hub, { heads: 2, channels: 3, large: true }),
    gatAttentionScenario(seed, random, { heads: 2, channels: 3, negativeSlope: 0 }),
    gatAttentionScenario(seed, duplicates, { heads: 2, channels: 3, negativeSlope: 1.5 }),
    gatAttentionScenario(seed, named('one node'), { heads: 2, channels: 3, atKink: true }),
  );
  return scenarios;
}

/** One scenario of each kernel on `graph` (for property-based tests that draw the graph). */
export function attentionAggregateScenariosOn(seed: number, graph: ConformanceGraph): Scenario[] {
  return [
    attentionProjectionScenario(seed, graph, [2, 3]),
    softmaxAggregateScenario(seed, graph, { heads: 2, channels: 3, dropoutRate: 0.4 }),
    gatAttentionScenario(seed, graph, { heads: 2, channels: 3, dropoutRate: 0.4 }),
  ];
}
