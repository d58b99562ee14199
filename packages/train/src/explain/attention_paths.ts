/**
 * Reading a prediction's attention: per layer, which in-neighbours each node
 * on the way to the target attended to, per relation; and paths of several
 * hops (target ← card ← other transaction) weighted by the product of the
 * attention along them (heads averaged), a path-wise attention rollout.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@gnnjs/core';
import type { HeteroAttention } from '@gnnjs/layers';

/** A node of a (sub)graph: its type and row. */
export interface NodeRef {
  type: string;
  row: number;
}

/** One in-edge's attention. */
export interface EdgeAttention {
  /** Relation `'src__rel__dst'`. */
  relation: string;
  source: NodeRef;
  target: NodeRef;
  /** Attention averaged over heads. */
  alpha: number;
  perHead: number[];
}

/** One layer's attention into the nodes a prediction reads at that depth. */
export interface LayerAttention {
  /** The layer's name (`'conv2'`). */
  layer: string;
  /** Hops from the target: the last layer is 1 (edges into the target), the one before 2, … */
  hop: number;
  /** In-edges of the nodes at `hop − 1` hops, strongest first per node and relation (`topK` each). */
  edges: EdgeAttention[];
}

/** A path into the target: `nodes[0]` is the farthest node, the last is the target. */
export interface AttentionPath {
  nodes: NodeRef[];
  /** Relation of each step, `nodes[k] → nodes[k+1]`. */
  relations: string[];
  /** Attention of each step (heads averaged), in the layer that passes it on. */
  alphas: number[];
  /** The product of `alphas`. */
  weight: number;
}

/** {@link attentionPaths}' result. */
export interface AttentionExplanation {
  layers: LayerAttention[];
  /** The strongest paths of 1 … L hops, by weight. */
  paths: AttentionPath[];
}

/** Options of {@link attentionPaths}. */
export interface AttentionPathOptions {
  /** In-edges kept per node and relation in `layers` (default 5). */
  topK?: number;
  /** Paths kept (default 20). */
  topPaths?: number;
  /** Longest path in hops (default: the number of layers). */
  maxHops?: number;
}

interface HostRelation {
  relation: string;
  srcType: string;
  dstType: string;
  src: Int32Array;
  dst: Int32Array;
  alpha: Float32Array;
  heads: number;
  /** Edge positions by destination row. */
  byDst: Map<number, number[]>;
}

/** Reads every relation's edges and coefficients of one layer to the host. */
function hostLayer(attention: HeteroAttention): HostRelation[] {
  return Object.entries(attention).map(([relation, { edgeIndex, alpha }]) => {
    const parts = relation.split('__');
    if (parts.length !== 3) throw new ShapeError('attention', `relation keys are 'src__rel__dst', got '${relation}'`);
    const e = edgeIndex.dataSync() as Int32Array;
    const E = edgeIndex.shape[1];
    const heads = alpha.shape[1] ?? 1;
    const src = e.subarray(0, E);
    const dst = e.subarray(E, 2 * E);
    const byDst = new Map<number, number[]>();
    dst.forEach((d, k) => {
      const list = byDst.get(d);
      if (list === undefined) byDst.set(d, [k]);
      else list.push(k);
    });
    return { relation, srcType: parts[0]!, dstType: parts[2]!, src, dst, alpha: alpha.dataSync() as Float32Array, heads, byDst };
  });
}

function edgeAt(r: HostRelation, k: number): EdgeAttention {
  const perHead = Array.from(r.alpha.subarray(k * r.heads, (k + 1) * r.heads));
  return {
    relation: r.relation,
    source: { type: r.srcType, row: r.src[k]! },
    target: { type: r.dstType, row: r.dst[k]! },
    alpha: perHead.reduce((a, b) => a + b, 0) / r.heads,
    perHead,
  };
}

/** In-edges of a node in one layer, every relation. */
function inEdges(layer: readonly HostRelation[], node: NodeRef): EdgeAttention[] {
  return layer.filter((r) => r.dstType === node.type).flatMap((r) => (r.byDst.get(node.row) ?? []).map((k) => edgeAt(r, k)));
}

const key = (n: NodeRef): string => `${n.type}:${n.row}`;

/**
 * The attention behind one node's output. `attention` is by layer name in
 * forward order (`{ conv1: {...}, conv2: {...} }`, as `toHetero` and the
 * fraud models return it), each by relation with `edgeIndex` `[2, E]` and
 * `alpha` `[E, heads]`. Layer L (the last) holds the edges into the target;
 * layer L−1 the edges into those neighbours, and so on.
 *
 * @example
 * ```ts
 * const { attention } = model.forward(xDict, edgeIndexDict, { returnAttentionWeights: true });
 * const why = attentionPaths(attention, { type: 'transactions', row: 0 }, { topK: 3 });
 * why.paths[0]; // { nodes: [tx 17, card 3, tx 0], relations: [...], alphas: [0.6, 0.5], weight: 0.3 }
 * ```
 */
export function attentionPaths(attention: Readonly<Record<string, HeteroAttention>>, target: NodeRef, options: AttentionPathOptions = {}): AttentionExplanation {
  const { topK = 5, topPaths = 20 } = options;
  const names = Object.keys(attention);
  const maxHops = Math.min(options.maxHops ?? names.length, names.length);
  const host = names.map((n) => hostLayer(attention[n]!));
  const layers: LayerAttention[] = [];
  // Nodes at each hop (hop 0: the target), and the paths that reach them.
  let frontier = new Map<string, { node: NodeRef; path: AttentionPath }>([[key(target), { node: target, path: { nodes: [target], relations: [], alphas: [], weight: 1 } }]]);
  const paths: AttentionPath[] = [];
  for (let hop = 1; hop <= names.length; hop++) {
    const layerIndex = names.length - hop;
    const edges: EdgeAttention[] = [];
    const next = new Map<string, { node: NodeRef; path: AttentionPath }>();
    for (const { node, path } of frontier.values()) {
      const incoming = inEdges(host[layerIndex]!, node);
      const byRelation = new Map<string, EdgeAttention[]>();
      for (const e of incoming) byRelation.set(e.relation, [...(byRelation.get(e.relation) ?? []), e]);
      for (const list of byRelation.values()) edges.push(...[...list].sort((a, b) => b.alpha - a.alpha).slice(0, topK));
      if (hop > maxHops) continue;
      for (const e of incoming) {
        const extended: AttentionPath = {
          nodes: [e.source, ...path.nodes],
          relations: [e.relation, ...path.relations],
          alphas: [e.alpha, ...path.alphas],
          weight: e.alpha * path.weight,
        };
        paths.push(extended);
        const k = key(e.source);
        const seen = next.get(k);
        if (seen === undefined || seen.path.weight < extended.weight) next.set(k, { node: e.source, path: extended });
      }
    }
    layers.push({ layer: names[layerIndex]!, hop, edges });
    frontier = next;
  }
  paths.sort((a, b) => b.weight - a.weight || a.nodes.length - b.nodes.length);
  return { layers, paths: paths.slice(0, topPaths) };
}

/** Frees the tensors of an attention dictionary (by layer, then relation). */
export function disposeAttention(attention: Readonly<Record<string, HeteroAttention>>): void {
  tf.dispose(Object.values(attention).flatMap((layer) => Object.values(layer).flatMap((a) => [a.edgeIndex, a.alpha])));
}
