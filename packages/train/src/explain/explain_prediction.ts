/**
 * Why did the model score this row so? One prediction of a heterogeneous
 * model explained three ways: the attention it paid (per layer, relation and
 * path), integrated gradients over every input feature, and integrated
 * gradients over a multiplier of each edge (PyG's / Captum's edge masks).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@gnnjs/core';
import type { EdgeIndexDict, HeteroAttention, XDict } from '@gnnjs/layers';
import { attentionPaths, disposeAttention, type AttentionExplanation, type NodeRef } from './attention_paths.js';
import { integratedGradients, saliency, type IntegratedGradientsOptions } from './integrated_gradients.js';

/** What {@link explainPrediction} needs of a model: the fraud registry's `FraudModel` is one. */
export interface ExplainableModel {
  readonly targetType: string;
  readonly supportsEdgeMasks: boolean;
  readonly training: boolean;
  train(mode?: boolean): unknown;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict): tf.Tensor1D;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: { returnAttentionWeights: true }): { logits: tf.Tensor1D; attention: Record<string, HeteroAttention> };
  setEdgeMasks(masks: Readonly<Record<string, tf.Tensor1D>> | null): void;
}

/** Options of {@link explainPrediction}. */
export interface ExplainOptions extends IntegratedGradientsOptions {
  /** Column names per node type, for the report (default `f0`, `f1`, …). */
  featureNames?: Readonly<Record<string, readonly string[]>>;
  /** Entries kept in each ranked list (default 10). */
  topK?: number;
  /** Also attribute to edges (default: when the model supports edge masks). */
  edges?: boolean;
}

/** One input feature's attribution. */
export interface FeatureAttribution {
  node: NodeRef;
  column: string;
  value: number;
  /** Integrated gradients (sums with all others to `logit − baseline logit`). */
  attribution: number;
  /** |∂ logit / ∂ feature| at the input. */
  saliency: number;
}

/** One edge's attribution. */
export interface EdgeAttribution {
  relation: string;
  source: NodeRef;
  target: NodeRef;
  /** Integrated gradients of a multiplier of the edge, from 0 (no message) to 1. */
  attribution: number;
  /** ∂ logit / ∂ multiplier at 1. */
  saliency: number;
  /** The edge's attention per layer (heads averaged), for models with attention. */
  attention?: Record<string, number>;
}

/** The result of an integrated-gradients run: what it sums to and how exactly. */
export interface Completeness {
  /** f at the input (the logit). */
  value: number;
  /** f at the baseline. */
  baselineValue: number;
  /** Σ attributions − (value − baselineValue). */
  delta: number;
  steps: number;
}

/**
 * Where attention and edge gradients agree. On the target's own in-edges
 * (last layer) when their attention ranks them; when it cannot (every
 * relation brings one edge, whose softmax is 1: a transaction's one card,
 * account, device), on the edges into the target's in-neighbours at the
 * layer before (the other transactions of its card, device …).
 */
export interface Agreement {
  /** `'in-edges'`: the target's in-edges at the last layer; `'two-hop'`: edges into its in-neighbours at the layer before. */
  scope: 'in-edges' | 'two-hop';
  /** The attention layer compared (undefined for models without attention). */
  layer: string | undefined;
  /** Edges compared. */
  edges: number;
  /** Spearman's rank correlation of attention and |edge attribution| over those edges (NaN with fewer than 2). */
  spearman: number;
  topByAttention: EdgeAttribution | undefined;
  topByGradient: EdgeAttribution | undefined;
  /** Whether both name the same edge first. */
  sameTop: boolean;
}

/** {@link explainPrediction}'s result: plain JSON. */
export interface PredictionExplanation {
  target: NodeRef;
  logit: number;
  /** sigmoid(logit). */
  score: number;
  attention?: AttentionExplanation;
  features: {
    completeness: Completeness;
    /** Baseline: every feature 0 (the training mean of standardised columns, "absent" for one-hot ones). */
    baseline: 'zeros';
    /** The target row's own columns, by |attribution|. */
    own: FeatureAttribution[];
    /** Every (node, column), by |attribution| (`topK`). */
    top: FeatureAttribution[];
    /** Attribution summed per node type and column, by |attribution| (`topK`). */
    byColumn: Array<{ type: string; column: string; attribution: number }>;
    /** Attribution summed per node, by |attribution| (`topK`). */
    byNode: Array<{ node: NodeRef; attribution: number }>;
  };
  edges?: {
    completeness: Completeness;
    /** Baseline: every edge's multiplier 0 (the graph's messages off). */
    baseline: 'no-edges';
    /** Edges by |attribution| (`topK`). */
    top: EdgeAttribution[];
    /** The target's own in-edges (every relation), by |attribution|. */
    intoTarget: EdgeAttribution[];
    agreement: Agreement;
  };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function byMagnitude<T extends { attribution: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution));
}

/** Spearman's rho with average ranks for ties. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2) return Number.NaN;
  const ranks = (v: readonly number[]): number[] => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? Number.NaN : num / Math.sqrt(da * db);
}

/** The logit of one row. */
function logitOf(model: ExplainableModel, xDict: XDict, edgeIndexDict: EdgeIndexDict, row: number): tf.Scalar {
  return tf.reshape(tf.slice(model.forward(xDict, edgeIndexDict), [row], [1]), []) as tf.Scalar;
}

/**
 * Explains the model's score of row `row` of its target type on this graph
 * (a sampled subgraph around the row, as the model saw it, or a whole
 * graph). In eval mode, so the same inputs give the same explanation.
 *
 * - **Attention** (models that return it): per layer the in-edges of the
 *   nodes on the way to the target, and paths weighted by the product of
 *   attention along them ({@link attentionPaths}).
 * - **Features**: integrated gradients of the logit over every feature of
 *   every node from a zero baseline (Captum's `IntegratedGradients`, Gauss–
 *   Legendre, `steps` points), with the gradient itself (saliency); they sum
 *   to `logit − logit(all features 0)` within `delta`.
 * - **Edges** (models with message-passing layers): the same over a
 *   multiplier of each edge, 1 as given, 0 as baseline (PyG's
 *   `CaptumExplainer` edge masks; one multiplier per edge shared by all
 *   layers), and where attention and gradients agree on the target's own
 *   in-edges.
 *
 * @example
 * ```ts
 * const why = explainPrediction(model, { xDict: g.xDict(), edgeIndexDict: g.edgeIndexDict() }, 0, { steps: 64 });
 * why.score; why.features.own[0]; why.edges?.top[0]; why.attention?.paths[0];
 * ```
 */
export function explainPrediction(
  model: ExplainableModel,
  graph: { xDict: XDict; edgeIndexDict: EdgeIndexDict },
  row: number,
  options: ExplainOptions = {},
): PredictionExplanation {
  const { topK = 10, featureNames = {} } = options;
  const { xDict, edgeIndexDict } = graph;
  const type = model.targetType;
  const rows = xDict[type]?.shape[0] ?? 0;
  if (!Number.isInteger(row) || row < 0 || row >= rows) throw new ShapeError('row', `expected a row of '${type}' in [0, ${rows}), got ${String(row)}`);
  const target: NodeRef = { type, row };
  const wasTraining = model.training;
  model.train(false);
  try {
    // Attention and the score, from one forward pass.
    const out = model.forward(xDict, edgeIndexDict, { returnAttentionWeights: true });
    const logit = out.logits.dataSync()[row]!;
    const hasAttention = Object.keys(out.attention).length > 0;
    const attention = hasAttention ? attentionPaths(out.attention, target, { topK }) : undefined;
    const alphaOf = hasAttention ? edgeAttentionLookup(out.attention) : undefined;
    out.logits.dispose();
    disposeAttention(out.attention);

    const features = explainFeatures(model, xDict, edgeIndexDict, target, featureNames, topK, options);
    const wantEdges = options.edges ?? model.supportsEdgeMasks;
    const edges = wantEdges ? explainEdges(model, xDict, edgeIndexDict, target, topK, options, alphaOf) : undefined;
    return {
      target,
      logit,
      score: sigmoid(logit),
      ...(attention === undefined ? {} : { attention }),
      features,
      ...(edges === undefined ? {} : { edges }),
    };
  } finally {
    model.train(wasTraining);
  }
}

function explainFeatures(
  model: ExplainableModel,
  xDict: XDict,
  edgeIndexDict: EdgeIndexDict,
  target: NodeRef,
  featureNames: Readonly<Record<string, readonly string[]>>,
  topK: number,
  options: IntegratedGradientsOptions,
): PredictionExplanation['features'] {
  const types = Object.keys(xDict).filter((t) => xDict[t]!.shape[0] > 0);
  const inputs = types.map((t) => xDict[t]!);
  const f = (xs: readonly tf.Tensor[]): tf.Scalar =>
    logitOf(model, { ...xDict, ...Object.fromEntries(types.map((t, k) => [t, xs[k] as tf.Tensor2D])) }, edgeIndexDict, target.row);
  const baselines = inputs.map((x) => tf.zerosLike(x));
  const ig = integratedGradients(f, inputs, baselines, options);
  const sal = saliency(f, inputs);
  try {
    const all: FeatureAttribution[] = [];
    types.forEach((t, k) => {
      const [n, w] = inputs[k]!.shape;
      const values = inputs[k]!.dataSync();
      const attr = ig.attributions[k]!.dataSync();
      const grad = sal[k]!.dataSync();
      const names = featureNames[t] ?? [];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < w; j++) {
          all.push({ node: { type: t, row: i }, column: names[j] ?? `f${j}`, value: values[i * w + j]!, attribution: attr[i * w + j]!, saliency: grad[i * w + j]! });
        }
      }
    });
    const byColumn = new Map<string, { type: string; column: string; attribution: number }>();
    const byNode = new Map<string, { node: NodeRef; attribution: number }>();
    for (const a of all) {
      const c = `${a.node.type}\u0000${a.column}`;
      byColumn.set(c, { type: a.node.type, column: a.column, attribution: (byColumn.get(c)?.attribution ?? 0) + a.attribution });
      const nk = `${a.node.type}:${a.node.row}`;
      byNode.set(nk, { node: a.node, attribution: (byNode.get(nk)?.attribution ?? 0) + a.attribution });
    }
    return {
      completeness: { value: ig.value, baselineValue: ig.baselineValue, delta: ig.delta, steps: options.steps ?? 50 },
      baseline: 'zeros',
      own: byMagnitude(all.filter((a) => a.node.type === target.type && a.node.row === target.row)),
      top: byMagnitude(all).slice(0, topK),
      byColumn: byMagnitude([...byColumn.values()]).slice(0, topK),
      byNode: byMagnitude([...byNode.values()]).slice(0, topK),
    };
  } finally {
    tf.dispose([...baselines, ...ig.attributions, ...sal]);
  }
}

function explainEdges(
  model: ExplainableModel,
  xDict: XDict,
  edgeIndexDict: EdgeIndexDict,
  target: NodeRef,
  topK: number,
  options: IntegratedGradientsOptions,
  alphaOf: ((relation: string, k: number) => Record<string, number>) | undefined,
): NonNullable<PredictionExplanation['edges']> {
  if (!model.supportsEdgeMasks) throw new ShapeError('edges', 'this model has no message-passing layers to put edge masks on');
  const relations = Object.keys(edgeIndexDict).filter((r) => edgeIndexDict[r]!.shape[1] > 0);
  const ones = relations.map((r) => tf.ones([edgeIndexDict[r]!.shape[1]]) as tf.Tensor1D);
  const zeros = ones.map((m) => tf.zerosLike(m));
  const f = (ms: readonly tf.Tensor[]): tf.Scalar => {
    model.setEdgeMasks(Object.fromEntries(relations.map((r, k) => [r, ms[k] as tf.Tensor1D])));
    try {
      return logitOf(model, xDict, edgeIndexDict, target.row);
    } finally {
      model.setEdgeMasks(null);
    }
  };
  const ig = integratedGradients(f, ones, zeros, options);
  const sal = saliency(f, ones, { abs: false });
  try {
    const all: EdgeAttribution[] = [];
    relations.forEach((relation, k) => {
      const [srcType, , dstType] = relation.split('__') as [string, string, string];
      const e = edgeIndexDict[relation]!.dataSync();
      const E = edgeIndexDict[relation]!.shape[1];
      const attr = ig.attributions[k]!.dataSync();
      const grad = sal[k]!.dataSync();
      for (let i = 0; i < E; i++) {
        all.push({
          relation,
          source: { type: srcType, row: e[i]! },
          target: { type: dstType, row: e[E + i]! },
          attribution: attr[i]!,
          saliency: grad[i]!,
          ...(alphaOf === undefined ? {} : { attention: alphaOf(relation, i) }),
        });
      }
    });
    const intoTarget = byMagnitude(all.filter((a) => a.target.type === target.type && a.target.row === target.row));
    return {
      completeness: { value: ig.value, baselineValue: ig.baselineValue, delta: ig.delta, steps: options.steps ?? 50 },
      baseline: 'no-edges',
      top: byMagnitude(all).slice(0, topK),
      intoTarget,
      agreement: agreement(intoTarget, all, target),
    };
  } finally {
    tf.dispose([...ones, ...zeros, ...ig.attributions, ...sal]);
  }
}

/** Attention of edge `k` of a relation in every layer (heads averaged), read once. */
function edgeAttentionLookup(attention: Readonly<Record<string, HeteroAttention>>): (relation: string, k: number) => Record<string, number> {
  const host = Object.entries(attention).map(([layer, rels]) => ({
    layer,
    rels: Object.fromEntries(Object.entries(rels).map(([r, a]) => [r, { alpha: a.alpha.dataSync() as Float32Array, heads: a.alpha.shape[1] ?? 1 }])),
  }));
  return (relation, k) => {
    const out: Record<string, number> = {};
    for (const { layer, rels } of host) {
      const r = rels[relation];
      if (r === undefined || (k + 1) * r.heads > r.alpha.length) continue;
      let s = 0;
      for (let h = 0; h < r.heads; h++) s += r.alpha[k * r.heads + h]!;
      out[layer] = s / r.heads;
    }
    return out;
  };
}

/** Attention against |edge attribution|: on the target's in-edges, or two hops out when their attention is all the same. */
function agreement(intoTarget: readonly EdgeAttribution[], all: readonly EdgeAttribution[], target: NodeRef): Agreement {
  const layers = Object.keys(intoTarget.find((e) => e.attention !== undefined && Object.keys(e.attention).length > 0)?.attention ?? {});
  const last = layers[layers.length - 1];
  if (last === undefined) return { scope: 'in-edges', layer: undefined, edges: 0, spearman: Number.NaN, topByAttention: undefined, topByGradient: intoTarget[0], sameTop: false };
  const inEdges = intoTarget.filter((e) => e.attention?.[last] !== undefined);
  const ranks = new Set(inEdges.map((e) => e.attention![last]!.toFixed(6))).size > 1;
  const before = layers[layers.length - 2];
  if (ranks || before === undefined) return compare('in-edges', last, inEdges);
  const neighbours = new Set(intoTarget.map((e) => `${e.source.type}:${e.source.row}`));
  const isTarget = (n: NodeRef): boolean => n.type === target.type && n.row === target.row;
  const twoHop = all.filter((e) => !isTarget(e.target) && neighbours.has(`${e.target.type}:${e.target.row}`) && e.attention?.[before] !== undefined);
  return compare('two-hop', before, twoHop);
}

function compare(scope: Agreement['scope'], layer: string, edges: readonly EdgeAttribution[]): Agreement {
  const alpha = (e: EdgeAttribution): number => e.attention![layer]!;
  const topByAttention = [...edges].sort((a, b) => alpha(b) - alpha(a))[0];
  const topByGradient = byMagnitude([...edges])[0];
  return {
    scope,
    layer,
    edges: edges.length,
    spearman: spearman(edges.map(alpha), edges.map((e) => Math.abs(e.attribution))),
    topByAttention,
    topByGradient,
    sameTop: topByAttention !== undefined && topByAttention === topByGradient,
  };
}
