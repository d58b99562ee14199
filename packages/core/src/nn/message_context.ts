import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { gatherRows } from '../ops/gather_rows.js';

/** Direction messages travel along `edgeIndex`, as PyG's `flow`. */
export type Flow = 'source_to_target' | 'target_to_source';

/**
 * A node tensor, or a pair for bipartite graphs: `[nodes of edgeIndex row 0,
 * nodes of row 1]` (PyG's `(x_src, x_dst)` under the default flow); the
 * second may be `null` when only the first side has features.
 */
export type NodeTensor = tf.Tensor | readonly [tf.Tensor, tf.Tensor | null];

/** Named tensors handed to `propagate`: node tensors, pairs, or per-edge tensors. */
export type PropagateInputs = Readonly<Record<string, NodeTensor | undefined>>;

/**
 * What `message`, `aggregate`, `update`, `edgeUpdate` and
 * `messageAndAggregate` see: the edges oriented source → target and the
 * inputs of `propagate`, gathered lazily per side (PyG's `x_j` / `x_i`), so
 * only the inputs a layer reads are ever gathered.
 *
 * @example
 * ```ts
 * message(ctx: MessageContext) {
 *   return tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('edgeWeight'), 1)); // x_j · w_ji
 * }
 * ```
 */
export class MessageContext {
  /** `[2, E]` edges with row 0 = source `j` and row 1 = target `i`, whatever the flow. */
  readonly edgeIndex: tf.Tensor2D;
  /** `[E]` source node `j` of each edge. */
  readonly sourceIndex: tf.Tensor1D;
  /** `[E]` target node `i` of each edge: the aggregation index. */
  readonly index: tf.Tensor1D;
  /** Number of edges. */
  readonly numEdges: number;

  private readonly inputs: PropagateInputs;
  private readonly flow: Flow;
  private readonly gathered = new Map<string, tf.Tensor>();
  /** `[nodes of row 0, nodes of row 1]`; filled from the first node tensor read when not given. */
  private readonly size: [number | undefined, number | undefined];

  /** Built by `MessagePassing`; `size` is `[nodes of row 0, nodes of row 1]` of the given `edgeIndex`. */
  constructor(edgeIndex: tf.Tensor2D, inputs: PropagateInputs, flow: Flow, size?: readonly [number, number]) {
    const [row0, row1] = tf.unstack(edgeIndex) as [tf.Tensor1D, tf.Tensor1D];
    const forward = flow === 'source_to_target';
    this.inputs = inputs;
    this.flow = flow;
    this.sourceIndex = forward ? row0 : row1;
    this.index = forward ? row1 : row0;
    this.edgeIndex = forward ? edgeIndex : (tf.stack([this.sourceIndex, this.index]) as tf.Tensor2D);
    this.numEdges = edgeIndex.shape[1];
    this.size = size ? [size[0], size[1]] : inferSizeFromPairs(inputs);
  }

  /** Number of source-side nodes. */
  get numSources(): number {
    return this.sizeOf(this.flow === 'source_to_target' ? 0 : 1);
  }

  /** Number of target-side nodes: the rows of the aggregated output. */
  get numTargets(): number {
    return this.sizeOf(this.flow === 'source_to_target' ? 1 : 0);
  }

  /** True when `propagate` received an input called `name`. */
  has(name: string): boolean {
    return this.inputs[name] !== undefined;
  }

  /** Node tensor `name` on the source side (`[numSources, ...]`), not gathered. */
  source(name: string): tf.Tensor {
    return this.side(name, 'source');
  }

  /** Node tensor `name` on the target side (`[numTargets, ...]`), not gathered. */
  target(name: string): tf.Tensor {
    return this.side(name, 'target');
  }

  /** Source rows of node tensor `name` per edge (PyG's `x_j`), `[E, ...]`. */
  j(name: string): tf.Tensor {
    return this.gather(name, 'source');
  }

  /** Target rows of node tensor `name` per edge (PyG's `x_i`), `[E, ...]`. */
  i(name: string): tf.Tensor {
    return this.gather(name, 'target');
  }

  /** Per-edge tensor `name`, `[E, ...]`, as given. */
  edge(name: string): tf.Tensor {
    const value = this.input(name);
    if (!(value instanceof tf.Tensor)) {
      throw new ShapeError(name, 'expected a per-edge tensor, got a pair of node tensors');
    }
    if (value.shape[0] !== this.numEdges) {
      throw new ShapeError(name, `expected ${this.numEdges} rows (one per edge), got shape [${value.shape.join(', ')}]`);
    }
    return value;
  }

  private gather(name: string, side: 'source' | 'target'): tf.Tensor {
    const key = `${side}:${name}`;
    let out = this.gathered.get(key);
    if (out === undefined) {
      out = gatherRows(this.side(name, side), side === 'source' ? this.sourceIndex : this.index);
      this.gathered.set(key, out);
    }
    return out;
  }

  private side(name: string, side: 'source' | 'target'): tf.Tensor {
    const value = this.input(name);
    const rowOfSide = (side === 'source') === (this.flow === 'source_to_target') ? 0 : 1;
    const picked = value instanceof tf.Tensor ? value : value[rowOfSide];
    if (picked === null || picked === undefined) {
      throw new ShapeError(name, `has no ${side}-side tensor (the pair's entry ${rowOfSide} is null)`);
    }
    if (value instanceof tf.Tensor) {
      this.size[0] ??= picked.shape[0];
      this.size[1] ??= picked.shape[0];
    }
    const expected = this.size[rowOfSide];
    if (picked.shape[0] !== expected) {
      throw new ShapeError(name, `expected ${expected} ${side} nodes, got shape [${picked.shape.join(', ')}]`);
    }
    return picked;
  }

  private sizeOf(row: 0 | 1): number {
    const n = this.size[row];
    if (n === undefined) {
      throw new ShapeError('size', 'cannot infer the number of nodes: pass `size` to propagate or read a node tensor first');
    }
    return n;
  }

  private input(name: string): NodeTensor {
    const value = this.inputs[name];
    if (value === undefined) {
      throw new ShapeError(name, `is not among the inputs of propagate (${Object.keys(this.inputs).join(', ')})`);
    }
    return value;
  }
}

function inferSizeFromPairs(inputs: PropagateInputs): [number | undefined, number | undefined] {
  const size: [number | undefined, number | undefined] = [undefined, undefined];
  for (const value of Object.values(inputs)) {
    if (value === undefined || value instanceof tf.Tensor) continue;
    size[0] ??= value[0].shape[0];
    if (value[1] !== null) size[1] ??= value[1].shape[0];
  }
  return size;
}
