/** `HeteroGraph.subgraph`: the graph induced by node subsets per type (PyG's `HeteroData.subgraph`). */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues, makeEdgeIndex } from '../utils/edge_index_arrays.js';
import type { HeteroGraph } from './hetero_graph.js';
import { rowsOf } from './hetero_rows.js';
import { EDGE_TENSOR_FIELDS, NODE_TENSOR_FIELDS, type EdgeStoreInit, type HeteroGraphInit, type NodeStoreInit } from './hetero_stores.js';

/** Nodes of one type to keep: ids (int array or tensor), or a bool mask (`boolean[]` or bool tensor `[N_t]`). */
export type HeteroSubset = ArrayLike<number> | readonly boolean[] | tf.Tensor1D;

/** Node subsets by type; types left out keep every node. */
export type HeteroSubsets<N extends string> = { readonly [K in N]?: HeteroSubset };

export function heteroSubgraphInit<N extends string>(graph: HeteroGraph<N>, subsets: HeteroSubsets<N>): HeteroGraphInit<N> {
  if (subsets === null || typeof subsets !== 'object') throw new GraphValidationError('subsets', 'expected node subsets keyed by node type');
  const kept = new Map<string, Int32Array>();
  for (const [type, subset] of Object.entries(subsets) as [string, HeteroSubset | undefined][]) {
    if (subset === undefined) continue;
    if (!graph.hasNode(type)) {
      throw new GraphValidationError(`subsets['${type}']`, `is not a node type of this graph (node types: ${graph.nodeTypes.map((t) => `'${t}'`).join(', ')})`);
    }
    kept.set(type, readSubset(subset, graph.node(type).numNodes, `subsets['${type}']`));
  }
  // position[t][i]: the new id of node i of type t, -1 when dropped; undefined: type kept whole.
  const position = new Map<string, Int32Array>();
  for (const [type, ids] of kept) {
    const pos = new Int32Array(graph.node(type as N).numNodes).fill(-1);
    ids.forEach((node, k) => (pos[node] = k));
    position.set(type, pos);
  }

  const created: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    created.push(t);
    return t;
  };
  try {
    const nodes = {} as Record<N, NodeStoreInit>;
    for (const store of graph.nodeStores()) {
      const ids = kept.get(store.type);
      const init: NodeStoreInit = { numNodes: ids?.length ?? store.numNodes };
      if (store.numClasses !== undefined) init.numClasses = store.numClasses;
      for (const field of NODE_TENSOR_FIELDS) {
        const t = store[field];
        if (t !== undefined) (init as Record<string, tf.Tensor>)[field] = own(ids === undefined ? t.clone() : rowsOf(t, ids));
      }
      nodes[store.type] = init;
    }
    const edges = graph.edgeStores().map((store): EdgeStoreInit<N> => {
      const src = position.get(store.type[0]);
      const dst = position.get(store.type[2]);
      const data = hostIndexValues(store.edgeIndex);
      const e = store.numEdges;
      const keep = new Int32Array(e);
      let count = 0;
      for (let k = 0; k < e; k++) {
        if ((src === undefined || src[data[k]!]! >= 0) && (dst === undefined || dst[data[e + k]!]! >= 0)) keep[count++] = k;
      }
      const ids = keep.subarray(0, count);
      const row = new Int32Array(count);
      const col = new Int32Array(count);
      ids.forEach((k, i) => {
        row[i] = src === undefined ? data[k]! : src[data[k]!]!;
        col[i] = dst === undefined ? data[e + k]! : dst[data[e + k]!]!;
      });
      const init: EdgeStoreInit<N> = { type: store.type, edgeIndex: own(makeEdgeIndex(row, col)) };
      for (const field of EDGE_TENSOR_FIELDS) {
        const t = store[field];
        if (t !== undefined) (init as unknown as Record<string, tf.Tensor>)[field] = own(rowsOf(t, ids));
      }
      return init;
    });
    const init: HeteroGraphInit<N> = { nodes, edges };
    if (graph.y !== undefined) init.y = own(graph.y.clone());
    return init;
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

/** Node ids to keep, in order: from ids (checked: integers in range, no repeats) or a mask. */
function readSubset(subset: HeteroSubset, numNodes: number, field: string): Int32Array {
  let mask: ArrayLike<number | boolean> | undefined;
  let ids: ArrayLike<number>;
  if (subset instanceof tf.Tensor) {
    if (subset.rank !== 1) throw new GraphValidationError(field, `expected node ids or a bool mask [${numNodes}], got shape [${subset.shape.join(', ')}]`);
    if (subset.dtype === 'bool') mask = subset.dataSync() as Uint8Array;
    ids = subset.dtype === 'bool' ? [] : subset.dtype === 'int32' ? hostIndexValues(subset) : subset.dataSync();
  } else if (Array.isArray(subset) && subset.length > 0 && typeof subset[0] === 'boolean') {
    mask = subset as readonly boolean[];
    ids = [];
  } else {
    ids = subset as ArrayLike<number>;
  }
  if (mask !== undefined) {
    if (mask.length !== numNodes) throw new GraphValidationError(field, `a mask needs ${numNodes} entries (one per node), got ${mask.length}`);
    const out: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
    return Int32Array.from(out);
  }
  const out = new Int32Array(ids.length);
  const seen = new Uint8Array(numNodes);
  for (let k = 0; k < ids.length; k++) {
    const v = ids[k]!;
    if (!Number.isInteger(v) || v < 0 || v >= numNodes) {
      throw new GraphValidationError(field, `node ids must be integers in [0, ${numNodes}), got ${v}`);
    }
    if (seen[v]) throw new GraphValidationError(field, `node ${v} appears twice`);
    seen[v] = 1;
    out[k] = v;
  }
  return out;
}
