import * as tf from '@tensorflow/tfjs-core';
import { addSelfLoops, type HeteroGraph } from '@gnnjs/core';
import { appendLoopTimes, type EdgeChange } from './hetero_edges.js';
import type { HeteroTransform } from './hetero_transform.js';

/** Options of {@link HeteroAddSelfLoops}. */
export interface HeteroAddSelfLoopsOptions {
  /** Weight (and attribute value) of the new loops. Default 1. */
  readonly fillValue?: number | undefined;
}

/**
 * PyG's `AddSelfLoops` on a heterogeneous graph: every same-type relation
 * (`[t, rel, t]`) gets a loop `(i, i)` per node of `t` after its edges
 * (existing loops are kept); relations between two types are left alone.
 * `edgeWeight` and `edgeAttr` get `fillValue` for the loops (PyG fills only
 * `edge_weight`), `edgeTime` the node's `time` when its type has one, else 0.
 *
 * @example
 * ```ts
 * const looped = new HeteroAddSelfLoops().apply(g); // ['account', 'sends', 'account'] grows by numNodes('account')
 * ```
 */
export class HeteroAddSelfLoops implements HeteroTransform {
  readonly fillValue: number;
  constructor(options: HeteroAddSelfLoopsOptions = {}) {
    this.fillValue = options.fillValue ?? 1;
  }

  apply<N extends string>(graph: HeteroGraph<N>): HeteroGraph<N> {
    const changes: EdgeChange<N>[] = [];
    const fillValue = this.fillValue;
    try {
      for (const store of graph.edgeStores()) {
        if (store.isBipartite) continue;
        const node = graph.node(store.type[0]);
        const numNodes = node.numNodes;
        const change = tf.tidy(() => {
          const out: EdgeChange<N> = { type: store.type, edgeIndex: addSelfLoops(store.edgeIndex, { numNodes }).edgeIndex };
          if (store.edgeWeight !== undefined) out.edgeWeight = addSelfLoops(store.edgeIndex, { numNodes, edgeAttr: store.edgeWeight, fillValue }).edgeAttr;
          if (store.edgeAttr !== undefined) out.edgeAttr = addSelfLoops(store.edgeIndex, { numNodes, edgeAttr: store.edgeAttr, fillValue }).edgeAttr;
          return out as EdgeChange<N> & Record<string, tf.Tensor>;
        });
        changes.push(change);
        if (store.edgeTime !== undefined) {
          change.edgeTime = appendLoopTimes(store.edgeTime, node.time?.dataSync() ?? new Int32Array(numNodes));
        }
      }
    } catch (error) {
      tf.dispose(changes.flatMap((c) => Object.values(c).filter((v): v is tf.Tensor => v instanceof tf.Tensor)));
      throw error;
    }
    return graph.with({ edges: changes }, { validate: false });
  }

  toString(): string {
    return 'HeteroAddSelfLoops()';
  }
}
