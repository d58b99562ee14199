import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { segmentAggregate, type SegmentReduction } from '../ops/segment_reduce.js';

/** How a self-loop's attribute is made: PyG's `fill_value`. */
export type SelfLoopFill = number | tf.Tensor | SelfLoopReduce;

/** Reduce the attributes of the edges entering a node into its loop's attribute. */
export type SelfLoopReduce = 'add' | 'sum' | 'mean' | 'max' | 'min';

const REDUCTION: Record<SelfLoopReduce, SegmentReduction> = {
  add: 'sum',
  sum: 'sum',
  mean: 'mean',
  max: 'max',
  min: 'min',
};

/**
 * The attribute of the self-loop of every node, `[numNodes, ...attr.shape[1:]]`
 * (PyG's `compute_loop_attr`): ones when `fill` is undefined, a constant for a
 * number, a broadcast tensor, or a reduction of the incoming edges' attributes
 * (empty reductions give 0).
 */
export function computeLoopAttr(
  edgeAttr: tf.Tensor,
  targets: Int32Array,
  numNodes: number,
  fill: SelfLoopFill | undefined,
  fn: string,
): tf.Tensor {
  const shape = [numNodes, ...edgeAttr.shape.slice(1)];
  if (fill === undefined) return tf.ones(shape, edgeAttr.dtype);
  if (typeof fill === 'number') return tf.fill(shape, fill, edgeAttr.dtype);
  if (fill instanceof tf.Tensor) {
    return tf.tidy(() => {
      let value = fill.dtype === edgeAttr.dtype ? fill : tf.cast(fill, edgeAttr.dtype);
      if (value.rank !== edgeAttr.rank) value = tf.expandDims(value, 0);
      try {
        return tf.broadcastTo(value, shape);
      } catch {
        throw new ShapeError('fillValue', `${fn} cannot broadcast fillValue [${fill.shape.join(', ')}] to [${shape.join(', ')}]`);
      }
    });
  }
  const reduction = REDUCTION[fill];
  if (reduction === undefined) {
    throw new ShapeError('fillValue', `${fn} expects a number, a tensor or one of ${Object.keys(REDUCTION).join(', ')}; got '${String(fill)}'`);
  }
  return tf.tidy(() => segmentAggregate(reduction, edgeAttr, tf.tensor1d(targets, 'int32'), numNodes));
}
