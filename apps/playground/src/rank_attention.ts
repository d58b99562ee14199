/**
 * The explorer's question, "which in-neighbours mattered to this node?",
 * answered from an attention layer read back as plain arrays (as
 * `nodeAttention` of `@gnnjs/layers` answers it from tensors).
 */
import type { LayerAttentionJson } from '@gnnjs/train';

/** One in-neighbour (the node's self-loop included) with its attention. */
export interface RankedNeighbour {
  source: number;
  /** Position of the edge in the layer's edge index. */
  edge: number;
  perHead: number[];
  mean: number;
}

/**
 * The in-neighbours of `node` in `layer`, strongest (mean over heads) first;
 * each head's values sum to 1, as they come from a softmax over in-edges.
 *
 * @example
 * ```ts
 * const rows = rankInNeighbours(outcome.attention[0], 33);
 * rows[0]; // { source: 32, edge: 140, perHead: [0.21, ...], mean: 0.19 }
 * ```
 */
export function rankInNeighbours(layer: LayerAttentionJson, node: number): RankedNeighbour[] {
  const [sources, targets] = layer.edgeIndex;
  const rows: RankedNeighbour[] = [];
  for (let e = 0; e < targets.length; e++) {
    if (targets[e] !== node) continue;
    const perHead = layer.alpha[e] ?? [];
    rows.push({ source: sources[e]!, edge: e, perHead, mean: perHead.reduce((a, b) => a + b, 0) / Math.max(perHead.length, 1) });
  }
  return rows.sort((a, b) => b.mean - a.mean || a.edge - b.edge);
}

/** Sum of each head's column over `rows` (1 per head for a node's full in-neighbourhood). */
export function headSums(rows: readonly RankedNeighbour[], heads: number): number[] {
  const sums = new Array<number>(heads).fill(0);
  for (const row of rows) row.perHead.forEach((a, h) => (sums[h] = (sums[h] ?? 0) + a));
  return sums;
}
