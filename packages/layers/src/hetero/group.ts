import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@gnnjs/core';

/**
 * How the outputs of several relations into one node type are combined:
 * element-wise `'sum'`, `'mean'`, `'max'`, `'min'`, `'mul'` (`to_hetero`
 * only), or `'cat'` (concatenated along the features, `HeteroConv` only).
 */
export type RelationAggregation = 'sum' | 'mean' | 'max' | 'min' | 'mul' | 'cat';

/** `HeteroConv`'s choices (PyG's `group`). */
export type HeteroAggregation = Exclude<RelationAggregation, 'mul'>;

/** `to_hetero`'s choices. */
export type ToHeteroAggregation = Exclude<RelationAggregation, 'cat'>;

/** Throws a {@link ShapeError} naming `aggr` unless it is one of `allowed`. */
export function assertAggregation<A extends RelationAggregation>(aggr: unknown, allowed: readonly A[], layer: string): asserts aggr is A {
  if (!(allowed as readonly unknown[]).includes(aggr)) {
    throw new ShapeError('aggr', `${layer} supports ${allowed.map((a) => `'${a}'`).join(', ')}, got '${String(aggr)}'`);
  }
}

/**
 * PyG's `group(xs, aggr)`: one relation's output is returned as is;
 * several are combined element-wise (pairwise in relation order, so `max`
 * and `min` send a tie's gradient to the first) or concatenated.
 */
export function groupRelations(xs: readonly tf.Tensor2D[], aggr: RelationAggregation): tf.Tensor2D {
  if (xs.length === 1) return xs[0]!;
  return tf.tidy(() => {
    switch (aggr) {
      case 'sum':
        return tf.addN([...xs]);
      case 'mean':
        return tf.div(tf.addN([...xs]), xs.length);
      case 'cat':
        return tf.concat([...xs], -1);
      default: {
        const pair = aggr === 'max' ? tf.maximum : aggr === 'min' ? tf.minimum : tf.mul;
        return xs.slice(1).reduce<tf.Tensor2D>((acc, x) => pair(acc, x), xs[0]!);
      }
    }
  });
}
