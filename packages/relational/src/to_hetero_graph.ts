/**
 * `toHeteroGraph`: the loader's typed arrays as core's `HeteroGraph` (tensors
 * made from the Int32/Float32 arrays without a copy). Times become int32
 * seconds relative to the graph's reference time (tfjs has no int64/float64):
 * exact to the second over ±68 years, and negative for rows before it.
 */
import { HeteroGraph, type HeteroEdgeArrays, type HeteroNodeArrays } from '@gnnjs/core';
import { DataError } from './errors.js';
import { edgeTypeKey, type RelationalGraphArrays } from './graph_arrays.js';

export interface ToHeteroGraphOptions {
  /** Masks of the target node type (e.g. a split snapshot's `mask`), as PyG's `train_mask`/`val_mask`/`test_mask`. */
  trainMask?: Uint8Array;
  valMask?: Uint8Array;
  testMask?: Uint8Array;
  /** Epoch ms that time 0 stands for (default: `graph.referenceTime`, a split's cut-off). */
  timeOrigin?: number;
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * Epoch ms as int32 seconds from `origin`. A time more than about 68 years
 * from `origin` does not fit int32: a {@link DataError} naming `field`, never
 * a wrapped-around value.
 *
 * @example
 * ```ts
 * secondsFrom(Float64Array.of(Date.parse('2024-01-01'), Date.parse('2024-01-02')), Date.parse('2024-01-02')); // Int32Array [-86400, 0]
 * ```
 */
export function secondsFrom(ms: Float64Array, origin: number, field = 'time'): Int32Array {
  const out = new Int32Array(ms.length);
  for (let i = 0; i < ms.length; i += 1) {
    const seconds = Math.round((ms[i]! - origin) / 1000);
    if (!(Math.abs(seconds) <= INT32_MAX)) {
      throw new DataError(`${field}[${i}]: ${ms[i]} ms is ${seconds} s from the time origin ${origin} ms, beyond int32 seconds (about ±68 years); pass toHeteroGraph a nearer timeOrigin`);
    }
    out[i] = seconds;
  }
  return out;
}

/**
 * The graph as a `HeteroGraph`: one node type per table (`x`, labels `y` on the
 * target table, `time`), one edge type per foreign key and its reverse
 * (`edgeIndex`, `edgeTime`). Embedding indices (`categorical`) stay in the arrays.
 *
 * @example
 * ```ts
 * const { train } = await db.split({ train: '2024-09-01', val: '2024-10-01', test: '2024-11-01' });
 * const g = toHeteroGraph(train.graph, { trainMask: train.mask });
 * g.node('transactions').x; // [numTransactions, numFeatures]
 * ```
 */
export function toHeteroGraph(graph: RelationalGraphArrays, options: ToHeteroGraphOptions = {}): HeteroGraph {
  const origin = options.timeOrigin ?? graph.referenceTime;
  const nodes: Record<string, HeteroNodeArrays> = {};
  for (const [type, node] of Object.entries(graph.nodes)) {
    const store: HeteroNodeArrays = { numNodes: node.numNodes };
    const width = node.featureNames.length;
    if (width > 0) {
      store.x = node.x;
      store.xShape = [node.numNodes, width];
    }
    if (node.time !== undefined) store.time = secondsFrom(node.time, origin, `${type}.time`);
    if (node.y !== undefined) {
      store.y = node.y;
      store.yDtype = node.y instanceof Int32Array ? 'int32' : 'float32';
      if (graph.target?.classes !== undefined) store.numClasses = graph.target.classes.length;
      if (options.trainMask !== undefined) store.trainMask = options.trainMask;
      if (options.valMask !== undefined) store.valMask = options.valMask;
      if (options.testMask !== undefined) store.testMask = options.testMask;
    }
    nodes[type] = store;
  }
  const edges = graph.edges.map((e): HeteroEdgeArrays => {
    const store: HeteroEdgeArrays = { type: [e.type[0], e.type[1], e.type[2]], src: e.src, dst: e.dst };
    if (e.time !== undefined) store.edgeTime = secondsFrom(e.time, origin, `${edgeTypeKey(e.type)}.edgeTime`);
    return store;
  });
  return HeteroGraph.fromArrays({ nodes, edges });
}
