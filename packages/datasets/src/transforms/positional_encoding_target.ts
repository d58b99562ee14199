import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, type Graph } from '@gnnjs/core';
import { withFields } from '../graph/with_fields.js';

/**
 * Where a positional-encoding transform puts its `[N, k]` matrix. GNN.js
 * graphs have PyG's standard fields only (no free-form attributes), so the
 * one target is `'x'`: the encoding becomes the last columns of `x` (or `x`
 * itself when the graph has none), PyG's `attr_name=None`, which batches with
 * the features. `encode(graph)` of each transform returns the matrix alone.
 */
export type PositionalEncodingTarget = 'x';

export function checkTarget(attrName: unknown, transform: string): PositionalEncodingTarget {
  if (attrName !== 'x') {
    throw new ShapeError(
      'attrName',
      `${transform}: GNN.js graphs have no free-form attributes; use attrName 'x' (appended to the features) or ${transform}.encode(graph) for the matrix, got ${JSON.stringify(attrName)}`,
    );
  }
  return attrName;
}

/** `graph` with `encoding` (owned by the result) appended to `x`. */
export function withEncoding(graph: Graph, encoding: tf.Tensor2D): Graph {
  if (graph.x === undefined) return withFields(graph, { x: encoding });
  const x = tf.tidy(() => tf.concat([graph.x!, encoding], 1) as tf.Tensor2D);
  encoding.dispose();
  return withFields(graph, { x });
}
