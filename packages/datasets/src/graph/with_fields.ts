/**
 * A new `Graph` equal to `graph` except for `changes`. Tensors kept from the
 * input are cloned (tfjs clones share memory), so the input and the result
 * can be disposed independently.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, type GraphInit } from '@gnnjs/core';

/** Fields to replace; a field set to `undefined` is dropped. */
export type GraphChanges = { -readonly [K in keyof GraphInit]?: GraphInit[K] | undefined };

/** `graph` with `changes` applied; the result owns the tensors in `changes` (freed if it is refused). */
export function withFields(graph: Graph, changes: GraphChanges): Graph {
  const clones: tf.Tensor[] = [];
  const init: Record<string, unknown> = { numNodes: graph.numNodes, numClasses: graph.numClasses };
  for (const [field, tensor] of Object.entries(graph.tensors())) {
    if (Object.hasOwn(changes, field)) continue;
    const clone = tf.clone(tensor);
    clones.push(clone);
    init[field] = clone;
  }
  Object.assign(init, changes);
  try {
    // The fields come from a valid Graph or from a transform's own output.
    return new Graph(init as unknown as GraphInit);
  } catch (error) {
    tf.dispose(clones);
    tf.dispose(Object.values(changes).filter((v): v is tf.Tensor => v instanceof tf.Tensor));
    throw error;
  }
}
