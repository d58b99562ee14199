/** The mini-batches the loaders yield: graphs that know where their nodes and edges came from. */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, HeteroGraph, type EdgeTypeKey, type GraphInit, type HeteroGraphInit } from '@gnnjs/core';

/** Where a homogeneous mini-batch came from (PyG's `n_id`, `e_id`, `batch_size`, ...). */
export interface SampledGraphMeta {
  /** Global id of each node; the first `batchSize` are the seeds, in input order. */
  readonly nId: Int32Array;
  /** Global id (position in the graph's `edgeIndex`) of each edge; undefined when merged edges have none. */
  readonly eId: Int32Array | undefined;
  /** Seeds: rows `0 .. batchSize-1` of the model's output are the predictions. */
  readonly batchSize: number;
  /** Position of each seed in the loader's input (`inputNodes`, or the label edges). */
  readonly inputId: Int32Array;
  /** Disjoint sampling: the seed each node belongs to (host array; `tf.tensor1d(batch, 'int32')` to pool). */
  readonly batch: Int32Array | undefined;
  /** Nodes added per hop (entry 0: the seeds); empty after `'bidirectional'`. */
  readonly numSampledNodes: readonly number[];
  /** Edges sampled per hop; empty after `'bidirectional'` and for `'induced'` subgraphs. */
  readonly numSampledEdges: readonly number[];
  /** Temporal sampling: the time of each seed. */
  readonly seedTime: Float64Array | undefined;
}

/**
 * A homogeneous mini-batch (PyG's sampled `Data`): a `Graph` over the sampled
 * nodes, relabelled `0 .. numNodes-1`, with features and labels gathered from
 * the feature store, and where each node and edge came from. The seeds come
 * first, so `tf.slice(out, 0, g.batchSize)` is the prediction.
 *
 * The graph owns its tensors (`dispose()`); a loader with `autoDispose`
 * (the default) disposes each batch when the next one is requested.
 */
export class SampledGraph extends Graph implements SampledGraphMeta {
  readonly nId: Int32Array;
  readonly eId: Int32Array | undefined;
  readonly batchSize: number;
  readonly inputId: Int32Array;
  readonly batch: Int32Array | undefined;
  readonly numSampledNodes: readonly number[];
  readonly numSampledEdges: readonly number[];
  readonly seedTime: Float64Array | undefined;

  constructor(init: GraphInit, meta: SampledGraphMeta) {
    super(init, { validate: false });
    this.nId = meta.nId;
    this.eId = meta.eId;
    this.batchSize = meta.batchSize;
    this.inputId = meta.inputId;
    this.batch = meta.batch;
    this.numSampledNodes = meta.numSampledNodes;
    this.numSampledEdges = meta.numSampledEdges;
    this.seedTime = meta.seedTime;
    if (new.target === SampledGraph) Object.freeze(this);
  }
}

/** Link-level targets of a homogeneous {@link LinkNeighborLoader} batch (PyG's `edge_label_index`, ...). */
export interface LinkTargets {
  /** int32 `[2, L]`: local ends of the label edges (binary mode, or no negative sampling). */
  readonly edgeLabelIndex: tf.Tensor2D | undefined;
  /** `[L]` labels: the input labels of positives (1 when none were given), 0 for sampled negatives. */
  readonly edgeLabel: tf.Tensor1D | undefined;
  /** Triplet mode: int32 `[P]` local sources, `[P]` positive destinations, `[P]` or `[P, k]` negative destinations. */
  readonly srcIndex: tf.Tensor1D | undefined;
  readonly dstPosIndex: tf.Tensor1D | undefined;
  readonly dstNegIndex: tf.Tensor | undefined;
}

/** A {@link LinkNeighborLoader} batch: the sampled graph around the label edges, and the label edges in its local ids. */
export class SampledLinkGraph extends SampledGraph implements LinkTargets {
  readonly edgeLabelIndex: tf.Tensor2D | undefined;
  readonly edgeLabel: tf.Tensor1D | undefined;
  readonly srcIndex: tf.Tensor1D | undefined;
  readonly dstPosIndex: tf.Tensor1D | undefined;
  readonly dstNegIndex: tf.Tensor | undefined;

  constructor(init: GraphInit, meta: SampledGraphMeta, targets: LinkTargets) {
    super(init, meta);
    this.edgeLabelIndex = targets.edgeLabelIndex;
    this.edgeLabel = targets.edgeLabel;
    this.srcIndex = targets.srcIndex;
    this.dstPosIndex = targets.dstPosIndex;
    this.dstNegIndex = targets.dstNegIndex;
    Object.freeze(this);
  }

  /** Also frees the link targets. */
  override dispose(): void {
    super.dispose();
    tf.dispose([this.edgeLabelIndex, this.edgeLabel, this.srcIndex, this.dstPosIndex, this.dstNegIndex].filter((t): t is tf.Tensor => t !== undefined));
  }
}

/** Where a heterogeneous mini-batch came from, per node and edge type. */
export interface SampledHeteroMeta<N extends string> {
  /** The seeds' node type (for link batches: the label edges' source type). */
  readonly inputType: N;
  readonly nId: Readonly<Record<N, Int32Array>>;
  /** Keyed `'src__rel__dst'`; absent for edge types whose merged edges have no ids. */
  readonly eId: Readonly<Partial<Record<EdgeTypeKey<N>, Int32Array>>>;
  /** Seeds of `inputType`, first in its node list. */
  readonly batchSize: number;
  readonly inputId: Int32Array;
  readonly batch: Readonly<Record<N, Int32Array>> | undefined;
  readonly numSampledNodes: Readonly<Partial<Record<N, readonly number[]>>>;
  readonly numSampledEdges: Readonly<Partial<Record<EdgeTypeKey<N>, readonly number[]>>>;
  readonly seedTime: Float64Array | undefined;
}

/**
 * A heterogeneous mini-batch (PyG's sampled `HeteroData`): a `HeteroGraph`
 * over the sampled nodes of every type, the seeds first among `inputType`'s,
 * with ids per type. `tf.slice(outDict[inputType], 0, g.batchSize)` is the prediction.
 */
export class SampledHeteroGraph<N extends string = string> extends HeteroGraph<N> implements SampledHeteroMeta<N> {
  readonly inputType: N;
  readonly nId: Readonly<Record<N, Int32Array>>;
  readonly eId: Readonly<Partial<Record<EdgeTypeKey<N>, Int32Array>>>;
  readonly batchSize: number;
  readonly inputId: Int32Array;
  readonly batch: Readonly<Record<N, Int32Array>> | undefined;
  readonly numSampledNodes: Readonly<Partial<Record<N, readonly number[]>>>;
  readonly numSampledEdges: Readonly<Partial<Record<EdgeTypeKey<N>, readonly number[]>>>;
  readonly seedTime: Float64Array | undefined;
  /** Link batches: the label edges in local ids of their end types. */
  readonly link: LinkTargets | undefined;

  constructor(init: HeteroGraphInit<N>, meta: SampledHeteroMeta<N>, link?: LinkTargets) {
    super(init, { validate: false });
    this.inputType = meta.inputType;
    this.nId = meta.nId;
    this.eId = meta.eId;
    this.batchSize = meta.batchSize;
    this.inputId = meta.inputId;
    this.batch = meta.batch;
    this.numSampledNodes = meta.numSampledNodes;
    this.numSampledEdges = meta.numSampledEdges;
    this.seedTime = meta.seedTime;
    this.link = link;
    Object.freeze(this);
  }

  /** Also frees the link targets. */
  override dispose(): void {
    super.dispose();
    const l = this.link;
    if (l !== undefined) tf.dispose([l.edgeLabelIndex, l.edgeLabel, l.srcIndex, l.dstPosIndex, l.dstNegIndex].filter((t): t is tf.Tensor => t !== undefined));
  }
}
