/**
 * The values heterogeneous layers take and return: tensors by node type and
 * by edge type (keyed `'src__rel__dst'`, as `HeteroGraph.edgeIndexDict()`
 * and PyG's fixtures key them), the metadata they are built from, and
 * attention per relation.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { EdgeType } from '@gnnjs/core';
import type { AttentionWeights } from '../conv/attention.js';

/** Node features by node type (PyG's `x_dict`): `[N_t, F_t]`, widths may differ. */
export type XDict = Readonly<Record<string, tf.Tensor2D>>;

/** Edges by edge type, keyed `'src__rel__dst'` (PyG's `edge_index_dict`): row 0 indexes `src` nodes, row 1 `dst` nodes. */
export type EdgeIndexDict = Readonly<Record<string, tf.Tensor2D>>;

/** Outputs by node type: only node types that some relation points at get one. */
export type OutputDict = Record<string, tf.Tensor2D>;

/** PyG's `metadata()`: `[nodeTypes, edgeTypes]`, as `HeteroGraph.metadata()` returns it. */
export type HeteroMetadata = readonly [readonly string[], readonly EdgeType[]];

/**
 * Attention per relation, keyed `'src__rel__dst'`: each relation's edges as
 * the layer attended over them (with any self-loops it added), in that
 * relation's own node numbering (row 0: `src` nodes, row 1: `dst` nodes),
 * and `alpha` `[E_r, heads]`.
 */
export type HeteroAttention = Record<string, AttentionWeights>;

/** What a heterogeneous attention layer returns with `returnAttentionWeights: true`; the caller owns every tensor. */
export interface HeteroOutputWithAttention {
  output: OutputDict;
  attention: HeteroAttention;
}

/** Options of heterogeneous layers' `forward`. */
export interface HeteroForwardOptions {
  /** Also return each attention relation's coefficients (default `false`). */
  returnAttentionWeights?: boolean;
  /** Edge features by relation, `'src__rel__dst'` → `[E, edgeDim]`, for relation layers built with `edgeDim` (PyG's `edge_attr_dict`). */
  edgeAttrDict?: Readonly<Record<string, tf.Tensor>>;
}

/** Node widths by node type, for building lazy (`-1`) layers without data: `{ account: 5, merchant: 16 }`. */
export type WidthDict = Readonly<Record<string, number>>;
