import { GraphValidationError, ShapeError, toEdgeType, type EdgeTypeKey } from '@gnnjs/core';
import { nodeAttention, type NeighbourAttention } from '../conv/attention.js';
import type { HeteroAttention } from './types.js';

/** One in-neighbour of a node in one relation, from {@link heteroNodeAttention}. */
export interface RelationNeighbourAttention extends NeighbourAttention {
  /** The relation, `'src__rel__dst'`. */
  relation: string;
  /** The node type of `source`. */
  sourceType: string;
}

/** Options of {@link heteroNodeAttention}. */
export interface HeteroNodeAttentionOptions {
  /** Keep the `topK` strongest in-neighbours of each relation. */
  topK?: number;
}

/**
 * One node's in-neighbours per relation with their attention, strongest
 * first within each relation: for node `nodeId` of type `nodeType`, every
 * relation of `attention` that points at `nodeType` (relations into other
 * types are left out; a relation with no edge into the node gives `[]`).
 * "Why was this account flagged" per relation: which merchants it paid,
 * which devices it used, and how much each counted.
 *
 * @example
 * ```ts
 * const { attention } = conv.forward(graph.xDict(), graph.edgeIndexDict(), { returnAttentionWeights: true });
 * const why = await heteroNodeAttention(attention, 'account', 42, { topK: 3 });
 * why['merchant__rev_pays__account']; // [{ source, sourceType: 'merchant', perHead, mean, ... }, ...]
 * ```
 */
export async function heteroNodeAttention(
  attention: HeteroAttention,
  nodeType: string,
  nodeId: number,
  options: HeteroNodeAttentionOptions = {},
): Promise<Record<string, RelationNeighbourAttention[]>> {
  if (typeof nodeType !== 'string' || nodeType === '') throw new ShapeError('nodeType', `expected a node type, got ${String(nodeType)}`);
  const out: Record<string, RelationNeighbourAttention[]> = {};
  let any = false;
  for (const [relation, weights] of Object.entries(attention)) {
    const [sourceType, , dst] = toEdgeType(relation as EdgeTypeKey);
    if (dst !== nodeType) continue;
    any = true;
    const rows = await nodeAttention(weights, nodeId, options.topK === undefined ? {} : { topK: options.topK });
    out[relation] = rows.map((r) => ({ ...r, relation, sourceType }));
  }
  if (!any) {
    const known = [...new Set(Object.keys(attention).map((k) => toEdgeType(k as EdgeTypeKey)[2]))].map((t) => `'${t}'`).join(', ');
    throw new GraphValidationError('nodeType', `no relation of the attention points at node type '${nodeType}' (destination types: ${known || 'none'})`);
  }
  return out;
}
