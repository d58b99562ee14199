/**
 * PyG's `RandomLinkSplit` on `HeteroData`, for a `HeteroGraph`: each edge type
 * of `edgeTypes` is split on its own (`partitionLinks`, as a homogeneous
 * graph), in order; its reverse type (`revEdgeTypes`) becomes, in every
 * split, the flipped message edges of the split type, so that no validation
 * or test edge leaks back through it; other edge types and every node type
 * are kept as they are.
 */
import * as tf from '@tensorflow/tfjs-core';
import { edgeTypeKey, toEdgeType, type EdgeStore, type EdgeStoreChanges, type EdgeType, type EdgeTypeKey, type EdgeTypeLike, type HeteroGraph } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import { hashSeed } from '../sampler/random.js';
import { partitionLinks, seededDraw, type LinkSplitDraw, type PairRows } from './link_split_plan.js';
import type { RandomLinkSplitOptions } from './random_link_split.js';

/** Options of `randomLinkSplit` for a `HeteroGraph`: PyG's, plus the edge types to split. */
export interface HeteroRandomLinkSplitOptions<N extends string = string> extends RandomLinkSplitOptions {
  /** The edge types to split (PyG's `edge_types`): one, or a list. Required. */
  edgeTypes: EdgeTypeLike<N> | readonly EdgeTypeLike<N>[];
  /**
   * The reverse type of each (PyG's `rev_edge_types`), `null` where a type has
   * none (default: none). In every split the reverse type's edges are the
   * split type's message edges flipped, with the split type's `edgeAttr`,
   * `edgeWeight`, `edgeTime` in place of its own (a field the split type lacks
   * is dropped). `isUndirected` applies only to a type that is not bipartite
   * and has no reverse type other than itself. A type may not be both split
   * and the reverse of another split type (split it once, with its reverse).
   */
  revEdgeTypes?: EdgeTypeLike<N> | null | readonly (EdgeTypeLike<N> | null | undefined)[] | undefined;
  /**
   * Labels the split types' edges already have, by `'src__rel__dst'` key (PyG's
   * `data[edge_type][key]`, `key = 'edge_label'`): `[E, ...]` class ids `0 … C−1`
   * (int32 whenever a split gets negatives). Positives are then labelled
   * `label + 1` and negatives 0 (labels unchanged in a split without
   * negatives). Types without entry get float32 1 for positives, 0 for negatives.
   */
  edgeLabels?: Readonly<Record<string, tf.Tensor>> | undefined;
}

/** The label edges of one edge type in one split (PyG's `edge_label_index` and `edge_label`). */
export interface LinkLabels {
  /** int32 `[2, L]`: positive label edges, then negatives. */
  edgeLabelIndex: tf.Tensor2D;
  /** `[L, ...]`: float32 1 / 0, or with `edgeLabels` int32 `label + 1` / 0. */
  edgeLabel: tf.Tensor;
  /** With `splitLabels`: positives and negatives apart (PyG's `pos_edge_label(_index)`, `neg_edge_label(_index)`). */
  posEdgeLabelIndex?: tf.Tensor2D;
  posEdgeLabel?: tf.Tensor;
  negEdgeLabelIndex?: tf.Tensor2D;
  negEdgeLabel?: tf.Tensor;
}

/** One split of a `HeteroGraph`: the graph to pass messages on, and the label edges of each split type. */
export interface HeteroLinkSplit<N extends string = string> {
  /** Every node type and edge type of the input; the split types (and their reverses) with this split's message edges. */
  graph: HeteroGraph<N>;
  /** By the `'src__rel__dst'` key of each type of `edgeTypes`. */
  labels: Record<EdgeTypeKey<N>, LinkLabels>;
  /** Frees the split's graph and label tensors. */
  dispose(): void;
}

/** One type to split, with its reverse type. */
interface SplitType {
  readonly store: EdgeStore;
  readonly rev: EdgeStore | undefined;
}

const isTriple = (value: unknown): boolean =>
  Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string' && !part.includes('__'));

function listOf<T>(value: T | readonly T[], single: boolean): readonly T[] {
  return single ? [value as T] : (value as readonly T[]);
}

function storeOf(graph: HeteroGraph<string>, type: EdgeTypeLike<string>, field: string): EdgeStore {
  let key: EdgeTypeKey;
  try {
    key = edgeTypeKey(toEdgeType(type));
  } catch {
    throw new SamplingError(field, `expected [srcType, relation, dstType] or 'src__rel__dst', got ${JSON.stringify(type)}`);
  }
  if (!graph.hasEdge(key)) {
    throw new SamplingError(field, `'${key}' is not an edge type of the graph (edge types: ${graph.edgeTypes.map((t) => `'${edgeTypeKey(t)}'`).join(', ')})`);
  }
  return graph.edge(key);
}

/** `edgeTypes` and `revEdgeTypes` as PyG reads them, checked against the graph. */
function splitTypes(graph: HeteroGraph<string>, options: HeteroRandomLinkSplitOptions): SplitType[] {
  const { edgeTypes, revEdgeTypes } = options;
  if (edgeTypes === undefined || edgeTypes === null) {
    throw new SamplingError('edgeTypes', 'randomLinkSplit needs the edge types to split when the graph is a HeteroGraph');
  }
  const single = typeof edgeTypes === 'string' || isTriple(edgeTypes);
  const types = listOf<EdgeTypeLike<string>>(edgeTypes, single);
  if (types.length === 0) throw new SamplingError('edgeTypes', 'names no edge type');
  let revs: readonly (EdgeTypeLike<string> | null | undefined)[];
  if (revEdgeTypes === undefined || revEdgeTypes === null) revs = types.map(() => null);
  else {
    const revSingle = typeof revEdgeTypes === 'string' || isTriple(revEdgeTypes);
    if (single && !revSingle) throw new SamplingError('revEdgeTypes', 'is a list, but edgeTypes names one type');
    revs = listOf<EdgeTypeLike<string> | null | undefined>(revEdgeTypes as EdgeTypeLike<string>, revSingle);
    if (revs.length !== types.length) throw new SamplingError('revEdgeTypes', `has ${revs.length} entries for ${types.length} edge types`);
  }
  const out = types.map((type, i) => {
    const rev = revs[i];
    return { store: storeOf(graph, type, `edgeTypes[${i}]`), rev: rev === null || rev === undefined ? undefined : storeOf(graph, rev, `revEdgeTypes[${i}]`) };
  });
  const split = new Set(out.map((t) => t.store.key));
  if (split.size !== out.length) throw new SamplingError('edgeTypes', 'names an edge type twice');
  for (const [i, t] of out.entries()) {
    if (t.rev !== undefined && t.rev.key !== t.store.key && split.has(t.rev.key)) {
      throw new SamplingError(`revEdgeTypes[${i}]`, `'${t.rev.key}' is also split: split each relation once, with its reverse type`);
    }
  }
  for (const key of Object.keys(options.edgeLabels ?? {})) {
    const t = out.find((s) => s.store.key === key);
    if (t === undefined) throw new SamplingError(`edgeLabels['${key}']`, 'is not one of edgeTypes');
    const labels = options.edgeLabels![key]!;
    if (!(labels instanceof tf.Tensor) || labels.rank < 1 || labels.shape[0] !== t.store.numEdges) {
      throw new SamplingError(`edgeLabels['${key}']`, `expected a tensor with one row per edge (${t.store.numEdges}), got shape [${labels instanceof tf.Tensor ? labels.shape.join(', ') : typeof labels}]`);
    }
  }
  return out;
}

/** An edge type's fields in one split, as `HeteroGraph.with` takes them (`undefined`: dropped). */
interface EdgePatch {
  type: EdgeType;
  edgeIndex: tf.Tensor2D;
  edgeAttr?: tf.Tensor | undefined;
  edgeWeight?: tf.Tensor1D | undefined;
  edgeTime?: tf.Tensor1D | undefined;
}

const ATTR_FIELDS = ['edgeAttr', 'edgeWeight', 'edgeTime'] as const;

/**
 * Splits `graph` with the permutation and negatives that `drawFor(i, …)` gives
 * for the i-th split type (the seeded draws in `randomLinkSplit`; a test may
 * give PyG's own draws).
 */
export function splitHeteroWithDraws<N extends string>(
  graph: HeteroGraph<N>,
  options: HeteroRandomLinkSplitOptions<N>,
  drawFor: (i: number, row: Int32Array, col: Int32Array, numNodes: number | readonly [number, number]) => LinkSplitDraw,
): { train: HeteroLinkSplit<N>; val: HeteroLinkSplit<N>; test: HeteroLinkSplit<N> } {
  const types = splitTypes(graph as unknown as HeteroGraph<string>, options as HeteroRandomLinkSplitOptions);
  const names = ['train', 'val', 'test'] as const;
  const patches = { train: new Map<string, EdgePatch>(), val: new Map<string, EdgePatch>(), test: new Map<string, EdgePatch>() };
  const labels = { train: {} as Record<string, LinkLabels>, val: {} as Record<string, LinkLabels>, test: {} as Record<string, LinkLabels> };
  const created: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    created.push(t);
    return t;
  };
  try {
    for (const [i, { store, rev }] of types.entries()) {
      const where = `edge type '${store.key}': `;
      const ei = store.edgeIndex.dataSync() as Int32Array;
      const e = store.numEdges;
      const row = ei.subarray(0, e);
      const col = ei.subarray(e, 2 * e);
      // PyG: undirected only for a non-bipartite type whose reverse, if any, is itself.
      const undirected = (options.isUndirected ?? false) && !store.isBipartite && (rev === undefined || rev.key === store.key);
      const numNodes = store.isBipartite ? store.size : store.size[0];
      const p = partitionLinks(row, col, undirected, options, drawFor(i, row, col, numNodes), where);
      const messages = { train: p.trainEdges.slice(p.numDisjoint), val: p.trainEdges, test: [...p.trainEdges, ...p.valEdges] };
      const positives = { train: p.numDisjoint > 0 ? p.trainEdges.slice(0, p.numDisjoint) : p.trainEdges, val: p.valEdges, test: p.testEdges };
      for (const name of names) {
        const patch = messagePatch(store, row, col, messages[name], undirected, own);
        patches[name].set(store.key, patch);
        if (rev !== undefined) {
          // A reverse type shared by two split types ends as the later one's (PyG's order); the earlier patch goes.
          const previous = patches[name].get(rev.key);
          patches[name].set(rev.key, reversePatch(previous ?? originalPatch(rev), patch, own));
          if (previous !== undefined && previous !== patch) tf.dispose(patchTensors(previous));
        }
        labels[name][store.key] = labelEdges(row, col, positives[name], p.negatives[name], options.edgeLabels?.[store.key], options.splitLabels ?? false, where, own);
      }
    }
    const out = {} as Record<(typeof names)[number], HeteroLinkSplit<N>>;
    for (const name of names) {
      const edges = [...patches[name].values()] as unknown as EdgeStoreChanges<N>[];
      const splitGraph = graph.with({ edges }, { validate: false });
      const splitLabels = labels[name] as Record<EdgeTypeKey<N>, LinkLabels>;
      out[name] = {
        graph: splitGraph,
        labels: splitLabels,
        dispose: () => {
          splitGraph.dispose();
          tf.dispose(Object.values<LinkLabels>(splitLabels).flatMap((l) => Object.values(l) as tf.Tensor[]));
        },
      };
    }
    return out;
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

/** PyG's `_split` of the split type: its message edges (both directions when undirected) with their fields. */
function messagePatch(store: EdgeStore, row: Int32Array, col: Int32Array, edges: number[], undirected: boolean, own: <T extends tf.Tensor>(t: T) => T): EdgePatch {
  const src = edges.map((k) => row[k]!);
  const dst = edges.map((k) => col[k]!);
  const rows = undirected ? [[...src, ...dst], [...dst, ...src]] : [src, dst];
  const patch: EdgePatch = { type: store.type, edgeIndex: own(tf.tensor2d([...rows[0]!, ...rows[1]!], [2, rows[0]!.length], 'int32')) };
  const index = tf.tensor1d(undirected ? [...edges, ...edges] : edges, 'int32');
  try {
    for (const field of ATTR_FIELDS) {
      const t = store[field];
      patch[field] = t === undefined ? undefined : (own(tf.gather(t, index)) as never);
    }
  } finally {
    index.dispose();
  }
  return patch;
}

/** A type's fields as the input graph has them (the reverse type before any split touched it). */
function originalPatch(store: EdgeStore): EdgePatch {
  return { type: store.type, edgeIndex: store.edgeIndex, edgeAttr: store.edgeAttr, edgeWeight: store.edgeWeight, edgeTime: store.edgeTime };
}

/**
 * PyG's `_split` of the reverse type: of the fields it has, `edge_index` becomes
 * the split type's flipped, the others the split type's (or go, where the
 * split type has none). For a type that is its own reverse this flips its rows.
 */
function reversePatch(current: EdgePatch, forward: EdgePatch, own: <T extends tf.Tensor>(t: T) => T): EdgePatch {
  const flipped = own(tf.reverse(forward.edgeIndex, 0));
  if (current === forward) {
    forward.edgeIndex.dispose();
    return { ...forward, edgeIndex: flipped };
  }
  const patch: EdgePatch = { type: current.type, edgeIndex: flipped };
  for (const field of ATTR_FIELDS) {
    if (current[field] === undefined) continue;
    const value = forward[field];
    patch[field] = value === undefined ? undefined : (own(tf.clone(value)) as never);
  }
  return patch;
}

function patchTensors(patch: EdgePatch): tf.Tensor[] {
  return [patch.edgeIndex, ...ATTR_FIELDS.map((f) => patch[f])].filter((t): t is tf.Tensor => t !== undefined);
}

/** PyG's `_create_label`: positives from the input edges (their labels + 1 when there are negatives), then the negatives (label 0). */
function labelEdges(
  row: Int32Array,
  col: Int32Array,
  positives: number[],
  [negRow, negCol]: PairRows,
  existing: tf.Tensor | undefined,
  splitLabels: boolean,
  where: string,
  own: <T extends tf.Tensor>(t: T) => T,
): LinkLabels {
  const posRow = positives.map((k) => row[k]!);
  const posCol = positives.map((k) => col[k]!);
  const hasNegatives = negRow.length > 0;
  let posLabel: tf.Tensor;
  if (existing === undefined) posLabel = own(tf.ones([positives.length], 'float32'));
  else {
    if (hasNegatives && existing.dtype !== 'int32') {
      throw new SamplingError('edgeLabels', `${where}labels must be int32 class ids when negatives are added, got ${existing.dtype}`);
    }
    posLabel = own(
      tf.tidy(() => {
        const picked = tf.gather(existing, tf.tensor1d(positives, 'int32'));
        return hasNegatives ? tf.add(picked, tf.scalar(1, 'int32')) : picked;
      }),
    );
  }
  const negLabel = own(tf.zeros([negRow.length, ...posLabel.shape.slice(1)], posLabel.dtype));
  const out: LinkLabels = {
    edgeLabelIndex: own(tf.tensor2d([...posRow, ...negRow, ...posCol, ...negCol], [2, posRow.length + negRow.length], 'int32')),
    edgeLabel: own(tf.concat([posLabel, negLabel], 0)),
  };
  if (splitLabels) {
    out.posEdgeLabelIndex = own(tf.tensor2d([...posRow, ...posCol], [2, posRow.length], 'int32'));
    out.posEdgeLabel = posLabel;
    out.negEdgeLabelIndex = own(tf.tensor2d([...negRow, ...negCol], [2, negRow.length], 'int32'));
    out.negEdgeLabel = negLabel;
  } else {
    tf.dispose([posLabel, negLabel]);
  }
  return out;
}

/**
 * `randomLinkSplit` of a `HeteroGraph`: the i-th split type draws from
 * `seed` itself for i = 0 (so that one type splits as the same edges would in
 * a homogeneous graph) and from `hashSeed(seed, i)` after.
 */
export function heteroRandomLinkSplit<N extends string>(
  graph: HeteroGraph<N>,
  options: HeteroRandomLinkSplitOptions<N>,
  seed: number,
): { train: HeteroLinkSplit<N>; val: HeteroLinkSplit<N>; test: HeteroLinkSplit<N> } {
  return splitHeteroWithDraws(graph, options, (i, row, col, numNodes) => seededDraw(row, col, numNodes, i === 0 ? seed : hashSeed(seed, i)));
}
