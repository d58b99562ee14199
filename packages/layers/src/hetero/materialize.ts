/**
 * Building lazy (`-1`) layers without a real forward. PyG materialises a
 * lazy parameter at the first forward, or from the state dict it loads;
 * GNN.js does the same, on request, so that an optimizer can collect
 * `parameters()` and `loadStateDict` can find every key before any data
 * is seen.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, HeteroGraph, ShapeError, edgeTypeKey, type EdgeType, type Module } from '@gnnjs/core';
import { Linear } from '../nn/linear.js';
import type { EdgeIndexDict, WidthDict, XDict } from './types.js';

/** Node widths of a graph's node types with features, or the given widths checked. */
export function widthDict(widths: WidthDict | HeteroGraph, nodeTypes: readonly string[], layer: string): Record<string, number> {
  const given: Record<string, number> =
    widths instanceof HeteroGraph
      ? Object.fromEntries(widths.nodeStores().filter((s) => s.x !== undefined).map((s) => [s.type, s.numFeatures]))
      : { ...widths };
  for (const [type, width] of Object.entries(given)) {
    if (!Number.isInteger(width) || width <= 0) throw new ShapeError(`widths['${type}']`, `${layer} expects a positive width for node type '${type}', got ${width}`);
  }
  for (const type of nodeTypes) {
    if (given[type] === undefined) {
      throw new GraphValidationError(`widths['${type}']`, `${layer} needs the input width of node type '${type}' (given: ${Object.keys(given).map((t) => `'${t}'`).join(', ') || 'none'})`);
    }
  }
  return given;
}

/**
 * Runs `forward` once on inputs without nodes or edges (`[0, F_t]` features,
 * `[2, 0]` edges) of the given widths: every lazy `Linear` it reaches is
 * built with its input width and PyG's initialisation, and nothing else
 * changes. Every tensor of the run is freed.
 */
export function dryRun(widths: WidthDict, edgeTypes: readonly EdgeType[], forward: (xDict: XDict, edgeIndexDict: EdgeIndexDict) => unknown): void {
  tf.tidy(() => {
    const xDict = Object.fromEntries(Object.entries(widths).map(([type, w]) => [type, tf.zeros([0, w]) as tf.Tensor2D]));
    const edgeIndexDict = Object.fromEntries(edgeTypes.map((t) => [edgeTypeKey(t), tf.zeros([2, 0], 'int32') as tf.Tensor2D]));
    const out = forward(xDict, edgeIndexDict);
    tf.dispose(out as tf.TensorContainer);
  });
}

/**
 * Builds every lazy `Linear` of `module` (`inChannels = -1`, not yet run)
 * whose weight `dict` holds, with that weight's input width: PyG's lazy
 * load hook, so that a state dict saved after training loads into a fresh
 * model before its first forward. Returns the names of the lazy weights
 * `dict` lacks (still lazy afterwards).
 *
 * @example
 * ```ts
 * const model = toHetero(gat, graph.metadata());
 * materializeFromStateDict(model, weights); // every lazy Linear now has its parameters
 * model.loadStateDict(weights);
 * ```
 */
export function materializeFromStateDict(module: Module, dict: Readonly<Record<string, tf.Tensor>>): string[] {
  const missing: string[] = [];
  const visit = (m: Module, prefix: string) => {
    if (m instanceof Linear && !m.isMaterialized) {
      const weight = dict[`${prefix}weight`];
      if (weight === undefined) missing.push(`${prefix}weight`);
      else if (weight.rank !== 2 || weight.shape[0] !== m.outChannels) {
        throw new ShapeError(`${prefix}weight`, `expected shape [${m.outChannels}, in], got [${weight.shape.join(', ')}]`);
      } else m.materialize(weight.shape[1]!);
    }
    for (const [name, child] of m.namedChildren()) visit(child, `${prefix}${name}.`);
  };
  visit(module, '');
  return missing;
}
