import * as tf from '@tensorflow/tfjs-core';
import { addSelfLoops, removeSelfLoops, type SelfLoopFill } from '@gnnjs/core';

/**
 * GAT's self-loop handling (existing loops removed, then one per node
 * appended), remembering the result for the last `edgeIndex` seen without
 * edge features: full-graph training calls a layer with the same edges every
 * epoch, and rebuilding them means reading the edges back from the device.
 */
export class SelfLoopEdges {
  private last: { key: tf.Tensor2D; numNodes: number; looped: tf.Tensor2D } | null = null;

  /** The edges (and edge features) with self-loops; the cached edges are owned here, others by the caller's tidy. */
  apply(
    edgeIndex: tf.Tensor2D,
    edgeAttr: tf.Tensor2D | undefined,
    numNodes: number,
    fillValue: SelfLoopFill,
  ): { edgeIndex: tf.Tensor2D; edgeAttr?: tf.Tensor2D } {
    if (edgeAttr !== undefined) {
      const removed = removeSelfLoops(edgeIndex, { edgeAttr });
      return addSelfLoops(removed.edgeIndex, { edgeAttr: removed.edgeAttr, fillValue, numNodes });
    }
    const { last } = this;
    if (last !== null && last.key === edgeIndex && !edgeIndex.isDisposed && last.numNodes === numNodes) {
      return { edgeIndex: last.looped };
    }
    this.dispose();
    const looped = tf.tidy(() => addSelfLoops(removeSelfLoops(edgeIndex).edgeIndex, { numNodes }).edgeIndex);
    this.last = { key: edgeIndex, numNodes, looped: tf.keep(looped) };
    return { edgeIndex: looped };
  }

  /** Frees the cached edges. */
  dispose(): void {
    if (this.last !== null && !this.last.looped.isDisposed) this.last.looped.dispose();
    this.last = null;
  }
}
