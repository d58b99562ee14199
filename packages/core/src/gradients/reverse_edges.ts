import { reverse, type Tensor } from '@tensorflow/tfjs-core';

/** Swaps the rows of a `[2, E]` edge index, so messages flow target → source. */
export function reverseEdges(edgeIndex: Tensor): Tensor {
  return reverse(edgeIndex, 0);
}
