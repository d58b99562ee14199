/**
 * Edges grouped by target node, in edge order within each target: what the
 * fused attention kernels walk, so that each target's softmax and
 * aggregation run over its edges alone (no `[E, H]` buffers) and add its
 * terms in the order an edge-order kernel would. Built by one counting sort
 * and kept per edge tensor (`dataId`: tensor values never change), so a graph
 * used every epoch is sorted once.
 */

/** Edges of target `i` are `order[start[i]] … order[start[i + 1] − 1]`; edges with an endpoint out of range are left out. */
export interface TargetOrder {
  readonly order: Int32Array;
  /** `numDstNodes + 1` offsets into `order`. */
  readonly start: Int32Array;
  /** The most edges into one target (the size of per-target scratch). */
  readonly maxDegree: number;
}

/** Groups the edges `src[e] → dst[e]` by target with a stable counting sort, O(E + N). */
export function targetOrder(src: Int32Array, dst: Int32Array, numSrcNodes: number, numDstNodes: number): TargetOrder {
  const numEdges = src.length;
  const start = new Int32Array(numDstNodes + 1);
  for (let e = 0; e < numEdges; e++) {
    const j = src[e]!;
    const i = dst[e]!;
    if (j >= 0 && j < numSrcNodes && i >= 0 && i < numDstNodes) start[i + 1]!++;
  }
  let maxDegree = 0;
  for (let i = 0; i < numDstNodes; i++) {
    maxDegree = Math.max(maxDegree, start[i + 1]!);
    start[i + 1]! += start[i]!;
  }
  const order = new Int32Array(start[numDstNodes]!);
  const next = start.slice(0, numDstNodes);
  for (let e = 0; e < numEdges; e++) {
    const j = src[e]!;
    const i = dst[e]!;
    if (j >= 0 && j < numSrcNodes && i >= 0 && i < numDstNodes) order[next[i]!++] = e;
  }
  return { order, start, maxDegree };
}

interface CachedOrder {
  readonly numEdges: number;
  readonly numSrcNodes: number;
  readonly numDstNodes: number;
  readonly value: TargetOrder;
}

const orders = new WeakMap<object, CachedOrder>();
let builds = 0;

/**
 * {@link targetOrder}, from the cache when `key` (the edge tensor's
 * `dataId`) was sorted before for the same node counts.
 */
export function cachedTargetOrder(key: object, src: Int32Array, dst: Int32Array, numSrcNodes: number, numDstNodes: number): TargetOrder {
  const hit = orders.get(key);
  if (hit !== undefined && hit.numEdges === src.length && hit.numSrcNodes === numSrcNodes && hit.numDstNodes === numDstNodes) return hit.value;
  builds++;
  const value = targetOrder(src, dst, numSrcNodes, numDstNodes);
  orders.set(key, { numEdges: src.length, numSrcNodes, numDstNodes, value });
  return value;
}

/** How many orders {@link cachedTargetOrder} has built (tests check that a graph is sorted once). */
export function targetOrderBuilds(): number {
  return builds;
}
