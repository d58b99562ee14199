import * as tf from '@tensorflow/tfjs-core';
import { toUndirected, type EdgeStore, type EdgeType, type HeteroGraph } from '@gnnjs/core';
import { flipEdgeIndex, mergeTimesUndirected, type EdgeChange } from './hetero_edges.js';
import type { HeteroTransform } from './hetero_transform.js';

/** Options of {@link HeteroToUndirected}. */
export interface HeteroToUndirectedOptions {
  /** How the `edgeAttr`/`edgeWeight` of an edge and its reverse merge in a same-type relation. Default `'sum'` (PyG's `'add'`). */
  readonly reduce?: 'sum' | 'mean' | 'max' | 'min' | undefined;
  /** Make same-type relations undirected in place (default, PyG's `merge=True`); false gives them a `rev_` relation too. */
  readonly merge?: boolean | undefined;
}

/**
 * PyG's `ToUndirected` on a heterogeneous graph. Each edge type, in order:
 * - `[src, rel, dst]` with `src ≠ dst` (or any type with `merge: false`)
 *   gets a reverse type `[dst, 'rev_' + rel, src]` whose `edgeIndex` is the
 *   flipped one and whose `edgeAttr`, `edgeWeight` and `edgeTime` are copies.
 *   New reverse types are appended after the existing ones; a reverse type
 *   the graph already has is overwritten in place (its other fields stay),
 *   and is itself reversed when its turn comes (`rev_rev_…`), as in PyG.
 * - a same-type relation becomes undirected: reverses added, duplicates
 *   merged and edges sorted (core's `toUndirected`), `edgeAttr`/`edgeWeight`
 *   merged with `reduce`. Timestamps merge with the MIN (the connection
 *   exists from its first direction on; PyG would apply `reduce`, summing
 *   times by default).
 *
 * @example
 * ```ts
 * const g2 = new HeteroToUndirected().apply(g); // adds ['merchant', 'rev_pays', 'account']
 * ```
 */
export class HeteroToUndirected implements HeteroTransform {
  readonly reduce: 'sum' | 'mean' | 'max' | 'min';
  readonly merge: boolean;
  constructor(options: HeteroToUndirectedOptions = {}) {
    this.reduce = options.reduce ?? 'sum';
    this.merge = options.merge ?? true;
  }

  apply<N extends string>(graph: HeteroGraph<N>): HeteroGraph<N> {
    // The stores as PyG's loop sees them: a later type reads what earlier steps wrote into it.
    const current = new Map<string, { type: EdgeType<N>; fields: Partial<Record<'edgeIndex' | 'edgeAttr' | 'edgeWeight' | 'edgeTime', tf.Tensor>> }>();
    for (const s of graph.edgeStores()) current.set(s.key, { type: s.type, fields: fieldsOf(s) });
    const changes = new Map<string, EdgeChange<N>>();
    const fresh: tf.Tensor[] = [];
    const keep = <T extends tf.Tensor | undefined>(t: T): T => {
      if (t !== undefined) fresh.push(t);
      return t;
    };
    try {
      for (const store of graph.edgeStores()) {
        const { type, fields } = current.get(store.key)!;
        const [src, rel, dst] = type;
        const edgeIndex = fields.edgeIndex as tf.Tensor2D;
        if (src !== dst || !this.merge) {
          const revType = [dst, `rev_${rel}`, src] as const;
          const revKey = revType.join('__');
          const change: EdgeChange<N> = { type: revType, edgeIndex: keep(flipEdgeIndex(edgeIndex)) };
          for (const field of ['edgeAttr', 'edgeWeight', 'edgeTime'] as const) {
            const t = fields[field];
            if (t !== undefined) (change as unknown as Record<string, tf.Tensor>)[field] = keep(t.clone());
          }
          const existing = current.get(revKey);
          current.set(revKey, { type: revType, fields: { ...(existing?.fields ?? {}), ...withoutType(change) } });
          changes.set(revKey, change);
        } else {
          const numNodes = graph.node(src).numNodes;
          const reduce = this.reduce;
          const undirected = keep(toUndirected(edgeIndex, { numNodes }).edgeIndex);
          const change: EdgeChange<N> = { type, edgeIndex: undirected };
          // tidy frees the edge indices that come with each merged attribute.
          const merged = (attr: tf.Tensor): tf.Tensor => tf.tidy(() => toUndirected(edgeIndex, { numNodes, reduce, edgeAttr: attr }).edgeAttr);
          if (fields.edgeWeight !== undefined) change.edgeWeight = keep(merged(fields.edgeWeight) as tf.Tensor1D);
          if (fields.edgeAttr !== undefined) change.edgeAttr = keep(merged(fields.edgeAttr));
          if (fields.edgeTime !== undefined) change.edgeTime = keep(mergeTimesUndirected(edgeIndex, fields.edgeTime as tf.Tensor1D, undirected, numNodes));
          current.set(store.key, { type, fields: withoutType(change) });
          changes.set(store.key, change);
        }
      }
    } catch (error) {
      tf.dispose(fresh);
      throw error;
    }
    return graph.with({ edges: [...changes.values()] }, { validate: false });
  }

  toString(): string {
    return 'HeteroToUndirected()';
  }
}

function fieldsOf(s: EdgeStore): Partial<Record<'edgeIndex' | 'edgeAttr' | 'edgeWeight' | 'edgeTime', tf.Tensor>> {
  const out: Partial<Record<'edgeIndex' | 'edgeAttr' | 'edgeWeight' | 'edgeTime', tf.Tensor>> = { edgeIndex: s.edgeIndex };
  if (s.edgeAttr !== undefined) out.edgeAttr = s.edgeAttr;
  if (s.edgeWeight !== undefined) out.edgeWeight = s.edgeWeight;
  if (s.edgeTime !== undefined) out.edgeTime = s.edgeTime;
  return out;
}

function withoutType<N extends string>(change: EdgeChange<N>): Partial<Record<'edgeIndex' | 'edgeAttr' | 'edgeWeight' | 'edgeTime', tf.Tensor>> {
  const { type: _type, ...fields } = change;
  return fields as Partial<Record<'edgeIndex' | 'edgeAttr' | 'edgeWeight' | 'edgeTime', tf.Tensor>>;
}
