/** `HeteroGraph.with`: the init of a graph equal to another except for some fields. */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues, rememberIndexValues } from '../utils/edge_index_arrays.js';
import type { HeteroGraph } from './hetero_graph.js';
import {
  EDGE_TENSOR_FIELDS,
  NODE_TENSOR_FIELDS,
  type EdgeStore,
  type EdgeStoreInit,
  type HeteroGraphInit,
  type NodeStore,
  type NodeStoreInit,
} from './hetero_stores.js';
import { edgeTypeKey, nodeField, toEdgeType, type EdgeTypeLike } from './hetero_types.js';

/** Fields of one node type to replace; a field set to `undefined` is dropped. */
export type NodeStoreChanges = { -readonly [K in keyof NodeStoreInit]?: NodeStoreInit[K] | undefined };

/** Fields of one edge type to replace (or a new edge type, which needs `edgeIndex`). */
export type EdgeStoreChanges<N extends string> = { type: EdgeTypeLike<N> } & {
  -readonly [K in Exclude<keyof EdgeStoreInit<N>, 'type'>]?: EdgeStoreInit<N>[K] | undefined;
};

/** What {@link HeteroGraph.with} changes. */
export interface HeteroGraphChanges<N extends string> {
  nodes?: { readonly [K in N]?: NodeStoreChanges } | undefined;
  edges?: readonly EdgeStoreChanges<NoInfer<N>>[] | undefined;
  /** The graph-level target (`undefined` drops it). */
  y?: tf.Tensor | undefined;
}

/**
 * The init of `graph` with `changes`, and every tensor in it (clones of the
 * kept fields and the tensors of `changes`): the new graph's, to free if it is refused.
 */
export function heteroInitWith<N extends string>(
  graph: HeteroGraph<N>,
  changes: HeteroGraphChanges<N>,
): { init: HeteroGraphInit<N>; owned: tf.Tensor[] } {
  const nodeChanges: Readonly<Record<string, NodeStoreChanges | undefined>> = changes.nodes ?? {};
  const owned: tf.Tensor[] = [];
  const own = <T>(value: T): T => {
    if (value instanceof tf.Tensor) owned.push(value);
    return value;
  };
  for (const patch of [...Object.values(nodeChanges), ...(changes.edges ?? [])]) {
    for (const [field, value] of Object.entries(patch ?? {})) if (field !== 'type') own(value);
  }
  if (changes.y !== undefined) own(changes.y);
  const unknown = Object.keys(nodeChanges).find((type) => !graph.hasNode(type));
  if (unknown !== undefined) {
    tf.dispose(owned);
    throw new GraphValidationError(nodeField(unknown), `is not a node type of this graph (node types: ${graph.nodeTypes.map((t) => `'${t}'`).join(', ')})`);
  }
  const nodes = {} as Record<N, NodeStoreInit>;
  for (const store of graph.nodeStores()) {
    const patch = nodeChanges[store.type];
    nodes[store.type] = { ...cloneNodeStore(store, patch, own), ...(patch ?? {}) };
  }
  const edgePatches = new Map<string, EdgeStoreChanges<N>>();
  for (const patch of changes.edges ?? []) edgePatches.set(keyOf(patch.type), patch);
  const edges: EdgeStoreInit<N>[] = graph.edgeStores().map((store) => {
    const patch = edgePatches.get(store.key);
    edgePatches.delete(store.key);
    return { ...cloneEdgeStore(store, patch, own), ...(patch ?? {}), type: store.type } as EdgeStoreInit<N>;
  });
  for (const patch of edgePatches.values()) edges.push(patch as EdgeStoreInit<N>);
  const init: HeteroGraphInit<N> = { nodes, edges };
  if (Object.hasOwn(changes, 'y')) init.y = changes.y;
  else if (graph.y !== undefined) init.y = own(graph.y.clone());
  return { init, owned };
}

function keyOf(type: EdgeTypeLike<string>): string {
  return typeof type === 'string' ? type : edgeTypeKey(toEdgeType(type));
}

type Own = <T>(value: T) => T;

/** A store's fields with cloned tensors, except those `patch` replaces. */
function cloneNodeStore(store: NodeStore, patch: NodeStoreChanges | undefined, own: Own): NodeStoreInit {
  const init: NodeStoreInit = {};
  if (patch === undefined || !Object.hasOwn(patch, 'numNodes')) init.numNodes = store.numNodes;
  if (store.numClasses !== undefined) init.numClasses = store.numClasses;
  for (const field of NODE_TENSOR_FIELDS) {
    const t = store[field];
    if (t !== undefined && !(patch !== undefined && Object.hasOwn(patch, field))) (init as Record<string, tf.Tensor>)[field] = own(t.clone());
  }
  return init;
}

function cloneEdgeStore(store: EdgeStore, patch: EdgeStoreChanges<string> | undefined, own: Own): Partial<EdgeStoreInit> {
  const has = (field: string): boolean => patch !== undefined && Object.hasOwn(patch, field);
  const init: Partial<EdgeStoreInit> = {};
  if (!has('edgeIndex')) init.edgeIndex = own(cloneIndex(store.edgeIndex));
  for (const field of EDGE_TENSOR_FIELDS) {
    const t = store[field];
    if (t !== undefined && !has(field)) (init as Record<string, tf.Tensor>)[field] = own(t.clone());
  }
  return init;
}

/** A clone that shares the host copy of the indices, so that validating it reads nothing from the device. */
export function cloneIndex<T extends tf.Tensor>(t: T): T {
  const clone = t.clone();
  rememberIndexValues(clone, hostIndexValues(t));
  return clone;
}
