/** `HeteroGraph.fromDicts`: PyG's `x_dict` / `edge_index_dict` / `num_nodes_dict` to an init. */
import type * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import type { HeteroGraphInit, NodeStoreInit } from './hetero_stores.js';
import { toEdgeType, type EdgeTypeKey } from './hetero_types.js';

/** Input of {@link HeteroGraph.fromDicts}. */
export interface HeteroDicts {
  /** Features by node type. */
  x?: Readonly<Record<string, tf.Tensor2D>> | undefined;
  /** int32 `[2, E]` (or two index rows) keyed `'src__rel__dst'`. */
  edgeIndex: Readonly<Record<string, tf.Tensor2D | readonly ArrayLike<number>[]>>;
  /** Node counts by type (types without features need one, else the largest index + 1 is taken). */
  numNodes?: Readonly<Record<string, number>> | undefined;
}

export function heteroInitFromDicts(dicts: HeteroDicts): HeteroGraphInit {
  if (dicts === null || typeof dicts !== 'object' || dicts.edgeIndex === null || typeof dicts.edgeIndex !== 'object') {
    throw new GraphValidationError('edgeIndex', "expected { x, edgeIndex: { 'src__rel__dst': [2, E] }, numNodes }");
  }
  const nodes: Record<string, NodeStoreInit> = {};
  const store = (type: string): NodeStoreInit => (nodes[type] ??= {});
  for (const [type, n] of Object.entries(dicts.numNodes ?? {})) store(type).numNodes = n;
  for (const [type, x] of Object.entries(dicts.x ?? {})) store(type).x = x;
  const edges = Object.entries(dicts.edgeIndex).map(([key, edgeIndex]) => {
    const type = toEdgeType(key as EdgeTypeKey);
    store(type[0]);
    store(type[2]);
    return { type, edgeIndex };
  });
  return { nodes, edges };
}
