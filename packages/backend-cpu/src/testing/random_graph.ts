import { mulberry32 } from '@gnnjs/core';

/** Deterministic pseudo-random numbers (core's mulberry32), so tests see the same graph every run. */
export const seededRandom = mulberry32;

/**
 * A random `[2, E]` edge list over `numNodes` nodes, flattened row-major.
 * With `hubShare > 0` that share of the edges points into node 0, the
 * high-in-degree case where summation order shows in float results.
 */
export function randomEdges(numNodes: number, numEdges: number, seed: number, hubShare = 0): Int32Array {
  const random = seededRandom(seed);
  const edges = new Int32Array(2 * numEdges);
  for (let e = 0; e < numEdges; e++) {
    edges[e] = Math.floor(random() * numNodes);
    edges[numEdges + e] = random() < hubShare ? 0 : Math.floor(random() * numNodes);
  }
  return edges;
}

/** `size` pseudo-random floats in `[-1, 1)`. */
export function randomValues(size: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const values = new Float32Array(size);
  for (let k = 0; k < size; k++) values[k] = 2 * random() - 1;
  return values;
}
