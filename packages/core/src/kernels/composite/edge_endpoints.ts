import { reshape, slice, zeros, type Tensor } from '@tensorflow/tfjs-core';

/** Source (row 0) and target (row 1) node of every edge of a `[2, E]` edge index, as `[E]` tensors. */
export function edgeEndpoints(edgeIndex: Tensor): { src: Tensor; dst: Tensor } {
  const numEdges = edgeIndex.shape[1]!;
  // tfjs-cpu cannot slice an empty tensor that a concat produced.
  if (numEdges === 0) return { src: zeros([0], 'int32'), dst: zeros([0], 'int32') };
  return {
    src: reshape(slice(edgeIndex, [0, 0], [1, numEdges]), [numEdges]),
    dst: reshape(slice(edgeIndex, [1, 0], [1, numEdges]), [numEdges]),
  };
}

/** `[E]` → `[E, 1, ..., 1]` with `rank` axes in all, so it broadcasts over trailing axes. */
export function expandTrailing(t: Tensor, rank: number): Tensor {
  const shape = [...t.shape];
  while (shape.length < rank) shape.push(1);
  return reshape(t, shape);
}
