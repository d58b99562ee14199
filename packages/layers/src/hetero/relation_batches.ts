/**
 * The relations into one destination type as ONE edge list: sources of each
 * relation shifted by an offset into the concatenation of their source
 * tensors, with the relation of each edge, so that a layer that attends
 * over all of them (HGTConv's softmax runs over every edge into a node,
 * across relations) runs one `sddmm`, one `segmentSoftmax` and one `spmm`
 * per destination type instead of one of each per relation. Built once per
 * set of edge tensors (the graph of full-batch training never changes) and
 * kept until the inputs change.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The concatenated edges of the relations into one destination type. */
export interface RelationBatch {
  /** `[2, ΣE_r]`: row 0 indexes the concatenated sources, row 1 the destination type's nodes. */
  readonly edgeIndex: tf.Tensor2D;
  /** `[ΣE_r]` int32: row 1 of `edgeIndex` (the softmax's segments). */
  readonly target: tf.Tensor1D;
  /** `[ΣE_r]` int32: the position of each edge's relation in the batch. */
  readonly relation: tf.Tensor1D;
  /** Edges per relation, in batch order. */
  readonly numEdges: readonly number[];
}

interface Cached {
  readonly inputs: readonly tf.Tensor2D[];
  readonly numSources: readonly number[];
  readonly batch: RelationBatch;
}

/** A cache of {@link RelationBatch}es, one per destination type; dispose it with its layer. */
export class RelationBatches {
  readonly #cache = new Map<string, Cached>();

  /**
   * The batch of `edgeIndices` (one per relation, with `numSources` source
   * nodes each), from the cache when the same tensors were batched last time.
   * The returned tensors are owned here.
   */
  get(destination: string, edgeIndices: readonly tf.Tensor2D[], numSources: readonly number[]): RelationBatch {
    const cached = this.#cache.get(destination);
    if (
      cached !== undefined &&
      cached.inputs.length === edgeIndices.length &&
      cached.inputs.every((t, k) => t === edgeIndices[k] && !t.isDisposed && cached.numSources[k] === numSources[k])
    ) {
      return cached.batch;
    }
    if (cached !== undefined) disposeBatch(cached.batch);
    const batch = tf.tidy(() => {
      let offset = 0;
      const rows: tf.Tensor1D[] = [];
      const cols: tf.Tensor1D[] = [];
      const relation: tf.Tensor1D[] = [];
      edgeIndices.forEach((edgeIndex, k) => {
        const [row, col] = tf.unstack(edgeIndex) as [tf.Tensor1D, tf.Tensor1D];
        rows.push(offset === 0 ? row : tf.add(row, tf.scalar(offset, 'int32')));
        cols.push(col);
        relation.push(tf.fill([edgeIndex.shape[1]], k, 'int32'));
        offset += numSources[k]!;
      });
      const target = tf.concat(cols);
      return { edgeIndex: tf.stack([tf.concat(rows), target]) as tf.Tensor2D, target, relation: tf.concat(relation) };
    });
    // Kept: a caller's tidy must not free what the cache holds.
    for (const t of [batch.edgeIndex, batch.target, batch.relation]) tf.keep(t);
    const entry: Cached = { inputs: [...edgeIndices], numSources: [...numSources], batch: { ...batch, numEdges: edgeIndices.map((e) => e.shape[1]) } };
    this.#cache.set(destination, entry);
    return entry.batch;
  }

  /** Frees every cached batch. */
  dispose(): void {
    for (const { batch } of this.#cache.values()) disposeBatch(batch);
    this.#cache.clear();
  }
}

function disposeBatch(batch: RelationBatch): void {
  tf.dispose([batch.edgeIndex, batch.target, batch.relation]);
}
