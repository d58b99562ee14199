/**
 * Argument checks shared by the conv layers; each error names the argument.
 * The edge index is checked by core's `assertEdgeIndex` (its values once per
 * tensor, by core, where they are first needed).
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, ShapeError } from '@gnnjs/core';
import { assertChannels } from '../nn/linear.js';

/**
 * `inChannels`: a positive width, or `[source width, target width]` for
 * bipartite input; -1 (PyG's lazy size) for a width the layer's lazy
 * `Linear`s take from their first input.
 */
export function assertInChannels(inChannels: number | readonly [number, number]): void {
  for (const c of typeof inChannels === 'number' ? [inChannels] : inChannels) if (c !== -1) assertChannels(c, 'inChannels');
}

/** A dropout probability in `[0, 1)`. */
export function assertProbability(p: number, argument: string): void {
  if (!(p >= 0 && p < 1)) throw new ShapeError(argument, `expected a probability in [0, 1), got ${p}`);
}

/** `x` must be `[N, channels]` float32 (any width when `channels` is -1, a lazy size). */
export function assertNodeFeatures(x: tf.Tensor, channels: number, layer: string, argument = 'x'): void {
  if (!(x instanceof tf.Tensor)) throw new ShapeError(argument, `${layer} expects a tensor, got ${typeof x}`);
  if (x.rank !== 2) throw new ShapeError(argument, `${layer} expects shape [N, ${channels === -1 ? 'F' : channels}], got [${x.shape.join(', ')}]`);
  if (channels !== -1 && x.shape[1] !== channels) {
    throw new ShapeError(argument, `${layer} was built for ${channels} input channels, got shape [${x.shape.join(', ')}]`);
  }
}

/** A per-edge tensor must have one row per edge. */
export function assertPerEdge(value: tf.Tensor, numEdges: number, argument: string, layer: string): void {
  if (value.shape[0] !== numEdges) {
    throw new ShapeError(argument, `${layer} expects ${numEdges} rows (one per edge), got [${value.shape.join(', ')}]`);
  }
}

/** `edgeAttr` is required exactly when the layer was built with `edgeDim`. */
export function assertEdgeAttrMatches(edgeDim: number | null, edgeAttr: tf.Tensor | undefined, layer: string): void {
  if (edgeDim !== null && edgeAttr === undefined) {
    throw new GraphValidationError('edgeAttr', `${layer} was built with edgeDim=${edgeDim} but forward got no edgeAttr`);
  }
  if (edgeDim === null && edgeAttr !== undefined) {
    throw new GraphValidationError('edgeAttr', `${layer} got edgeAttr but was built without edgeDim`);
  }
  if (edgeDim !== null && edgeAttr !== undefined) {
    const width = edgeAttr.rank === 1 ? 1 : edgeAttr.shape[1];
    if (edgeAttr.rank > 2 || width !== edgeDim) {
      throw new ShapeError('edgeAttr', `${layer} expects [E, ${edgeDim}], got [${edgeAttr.shape.join(', ')}]`);
    }
  }
}
