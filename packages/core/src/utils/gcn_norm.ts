import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { gatherRows } from '../ops/gather_rows.js';
import { segmentSum } from '../ops/segment_reduce.js';
import { addRemainingSelfLoops } from './add_remaining_self_loops.js';
import { assertEdgeAttr, makeEdgeIndex, readEdgeIndex, resolveNumNodes, type EdgeArrays } from './edge_index_arrays.js';

/** Direction of message passing: which row of `edgeIndex` holds the receivers. */
export type MessageFlow = 'source_to_target' | 'target_to_source';

/** Options of {@link gcnNorm}. */
export interface GcnNormOptions {
  /** Edge weights `[E]`; all ones when omitted. Gradients flow back to them. */
  edgeWeight?: tf.Tensor1D | undefined;
  /** Number of nodes; defaults to the largest index + 1. */
  numNodes?: number | undefined;
  /** Self-loop weight 2 instead of 1 (`A + 2I`). Default false. */
  improved?: boolean | undefined;
  /** Add the remaining self-loops first. Default true. */
  addSelfLoops?: boolean | undefined;
  /** Default `'source_to_target'`: degrees are counted over `edgeIndex[1]`. */
  flow?: MessageFlow | undefined;
}

/**
 * GCN's symmetric normalisation `D^-1/2 (A + I) D^-1/2`, exactly PyG 2.6's
 * `gcn_norm` on an edge index: missing self-loops are appended with weight 1
 * (2 if `improved`; existing loops keep their weight, see
 * {@link addRemainingSelfLoops}), `deg` sums the weights of the edges entering
 * each node, and edge `j → i` gets `deg[j]^-1/2 · w · deg[i]^-1/2` (0 where a
 * degree is 0). Returns new tensors.
 *
 * @example
 * ```ts
 * const { edgeIndex, edgeWeight } = gcnNorm(graph.edgeIndex, { numNodes: graph.numNodes });
 * const out = spmm(edgeIndex, xw, edgeWeight, graph.numNodes);
 * ```
 */
export function gcnNorm(
  edgeIndex: tf.Tensor2D,
  options: GcnNormOptions = {},
): { edgeIndex: tf.Tensor2D; edgeWeight: tf.Tensor1D } {
  const { edgeWeight, improved = false, addSelfLoops = true, flow = 'source_to_target' } = options;
  const edges = readEdgeIndex(edgeIndex, 'gcnNorm');
  const numNodes = resolveNumNodes(edges, options.numNodes, 'gcnNorm');
  if (edgeWeight !== undefined) {
    assertEdgeAttr(edgeWeight, edges.numEdges, 'edgeWeight', 'gcnNorm');
    if (edgeWeight.rank !== 1) throw new ShapeError('edgeWeight', `gcnNorm expects shape [E], got [${edgeWeight.shape.join(', ')}]`);
  }
  if (flow !== 'source_to_target' && flow !== 'target_to_source') {
    throw new ShapeError('flow', `gcnNorm expects 'source_to_target' or 'target_to_source', got '${String(flow)}'`);
  }
  if (edgeWeight === undefined) return gcnNormOnHost(edges, numNodes, improved, addSelfLoops, flow);
  return tf.tidy(() => {
    const weight = edgeWeight;
    const looped = addSelfLoops
      ? addRemainingSelfLoops(edgeIndex, { edgeAttr: weight, fillValue: improved ? 2 : 1, numNodes })
      : { edgeIndex: edgeIndex.clone(), edgeAttr: weight };
    const [row, col] = tf.unstack(looped.edgeIndex) as [tf.Tensor1D, tf.Tensor1D];
    const deg = segmentSum(looped.edgeAttr, flow === 'source_to_target' ? col : row, numNodes);
    const invSqrt = invSqrtOrZero(deg);
    const normed = tf.mul(tf.mul(gatherRows(invSqrt, row), looped.edgeAttr), gatherRows(invSqrt, col));
    return { edgeIndex: looped.edgeIndex, edgeWeight: normed as tf.Tensor1D };
  });
}

/**
 * PyG's `deg.pow(-0.5)` with `inf -> 0`. A custom gradient keeps the masked
 * entries at gradient 0, where the plain chain rule would give `0 * inf = NaN`
 * (and tfjs has no gradient for the `equal` that builds the mask).
 */
const invSqrtOrZero = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [deg, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const isolated = tf.equal(deg, 0);
  const value = tf.where(isolated, tf.zerosLike(deg), tf.pow(tf.where(isolated, tf.onesLike(deg), deg), -0.5));
  save([value]);
  return {
    value,
    // d/dx x^-1/2 = -1/2 x^-3/2 = -1/2 value^3 (0 where value is 0)
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.mul(tf.pow(saved[0]!, 3), -0.5)),
  };
}) as (deg: tf.Tensor) => tf.Tensor;

/**
 * Unweighted graphs (the common case) have nothing to differentiate: the
 * same arithmetic in float64 on the host, without a kernel launch per step.
 */
function gcnNormOnHost(
  edges: EdgeArrays,
  numNodes: number,
  improved: boolean,
  addSelfLoops: boolean,
  flow: MessageFlow,
): { edgeIndex: tf.Tensor2D; edgeWeight: tf.Tensor1D } {
  let { row, col } = edges;
  let weight = new Float64Array(edges.numEdges).fill(1);
  if (addSelfLoops) {
    // As addRemainingSelfLoops: non-loop edges in order, then one loop per node;
    // an existing loop keeps its weight 1, a new one gets the fill value.
    const hasLoop = new Uint8Array(numNodes);
    let kept = 0;
    for (let e = 0; e < edges.numEdges; e++) {
      if (row[e] === col[e]) hasLoop[row[e]!] = 1;
      else kept++;
    }
    const total = kept + numNodes;
    const newRow = new Int32Array(total);
    const newCol = new Int32Array(total);
    weight = new Float64Array(total).fill(1);
    let k = 0;
    for (let e = 0; e < edges.numEdges; e++) {
      if (row[e] === col[e]) continue;
      newRow[k] = row[e]!;
      newCol[k] = col[e]!;
      k++;
    }
    for (let i = 0; i < numNodes; i++) {
      newRow[kept + i] = i;
      newCol[kept + i] = i;
      if (!hasLoop[i]) weight[kept + i] = improved ? 2 : 1;
    }
    row = newRow;
    col = newCol;
  }
  const deg = new Float64Array(numNodes);
  const degreeIndex = flow === 'source_to_target' ? col : row;
  for (let e = 0; e < weight.length; e++) deg[degreeIndex[e]!] += weight[e]!;
  const invSqrt = deg.map((d) => (d === 0 ? 0 : 1 / Math.sqrt(d)));
  const normed = new Float32Array(weight.length);
  for (let e = 0; e < weight.length; e++) normed[e] = invSqrt[row[e]!]! * weight[e]! * invSqrt[col[e]!]!;
  return { edgeIndex: makeEdgeIndex(row, col), edgeWeight: tf.tensor1d(normed, 'float32') };
}
