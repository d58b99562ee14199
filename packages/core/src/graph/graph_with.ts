/**
 * Types that say which of a `Graph`'s optional fields a value has, so that
 * code which got a graph from a loader reads `graph.x` without `!` and passes
 * it where the fields are required, under `strict`.
 */
import { GraphValidationError } from '../errors.js';
import type { Graph } from './graph.js';

/** The fields a `Graph` may lack (`x`, `y`, the masks, `numClasses`, ...). */
export type OptionalGraphField = { [K in keyof Graph]-?: undefined extends Graph[K] ? K : never }[keyof Graph];

/**
 * A `Graph` that has the fields `K`: their `| undefined` is gone. Loaders
 * say what they return with it (`Planetoid.load` gives a
 * `GraphWith<'x' | 'y' | 'trainMask' | 'valMask' | 'testMask' | 'numClasses'>`).
 *
 * @example
 * ```ts
 * const g = requireGraphFields(Graph.fromCOO({ row: [0], col: [1] }, { x: tf.ones([2, 3]) }), ['x']);
 * const features: tf.Tensor2D = g.x; // no `!`
 * ```
 */
export type GraphWith<K extends OptionalGraphField> = Graph & { readonly [P in K]-?: Exclude<Graph[P], undefined> };

/**
 * `graph` typed as {@link GraphWith} `<K>` after checking that it has each
 * field; throws a `GraphValidationError` naming the first missing one.
 *
 * @example
 * ```ts
 * try {
 *   requireGraphFields(Graph.fromCOO({ row: [0], col: [1] }), ['x']);
 * } catch (error) {
 *   (error as GraphValidationError).field; // 'x'
 * }
 * ```
 */
export function requireGraphFields<K extends OptionalGraphField>(graph: Graph, fields: readonly K[]): GraphWith<K> {
  for (const field of fields) {
    if (graph[field] === undefined) {
      throw new GraphValidationError(field, `missing (the graph has no ${field}; required here: ${fields.join(', ')})`);
    }
  }
  return graph as GraphWith<K>;
}
