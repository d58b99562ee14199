/**
 * The one loop that reads every value of an edge index. Callers keep what it
 * proves per tensor (`edgeIndexBounds` in edge_index_arrays.ts), so it runs
 * at most once per tensor: when a `Graph` is built, or when a util first
 * needs the values of an edge index that did not come from one.
 */

/** Largest source (row 0) and target (row 1) index of an edge index; -1 for a row without edges. */
export interface EdgeIndexBounds {
  readonly maxSource: number;
  readonly maxTarget: number;
}

/** {@link EdgeIndexBounds} and the smallest index (0 without edges). */
export interface EdgeIndexScan extends EdgeIndexBounds {
  readonly minIndex: number;
}

/** Scans the `2·numEdges` values of a `[2, E]` edge index (row-major: sources, then targets). */
export function scanEdgeIndex(values: Int32Array, numEdges: number): EdgeIndexScan {
  let maxSource = -1;
  let maxTarget = -1;
  let minIndex = 0;
  for (let e = 0; e < numEdges; e++) {
    const source = values[e]!;
    const target = values[numEdges + e]!;
    if (source > maxSource) maxSource = source;
    if (target > maxTarget) maxTarget = target;
    if (source < minIndex || target < minIndex) minIndex = Math.min(source, target, minIndex);
  }
  return { maxSource, maxTarget, minIndex };
}
