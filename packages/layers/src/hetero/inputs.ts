/**
 * Checks of a heterogeneous layer's inputs against the relations it was
 * built for. Each error names the node or edge type (and the dictionary
 * entry) at fault, before any kernel sees a wrong index or width.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, ShapeError, assertEdgeIndex, edgeIndexBounds, edgeTypeKey, type EdgeType } from '@gnnjs/core';
import type { EdgeIndexDict, XDict } from './types.js';

const list = (names: Iterable<string>) => [...names].map((n) => `'${n}'`).join(', ') || 'none';

/**
 * Checks `xDict` and `edgeIndexDict` against `relations` (what the layer was
 * built for): the two dictionaries' edge types must be exactly the layer's
 * (a relation the layer lacks, or one the graph lacks, is an error), both
 * node types of every relation must have features `[N_t, F_t]`, and every
 * index must lie within its node type (row 0 the source type's nodes, row 1
 * the destination type's; read once per edge tensor, by core).
 */
export function checkHeteroInputs(layer: string, relations: readonly EdgeType[], xDict: XDict, edgeIndexDict: EdgeIndexDict): void {
  if (typeof xDict !== 'object' || xDict === null || xDict instanceof tf.Tensor) {
    throw new ShapeError('xDict', `${layer} expects node features by node type, { [type]: [N_t, F_t] }`);
  }
  if (typeof edgeIndexDict !== 'object' || edgeIndexDict === null || edgeIndexDict instanceof tf.Tensor) {
    throw new ShapeError('edgeIndexDict', `${layer} expects edges by edge type, { 'src__rel__dst': [2, E] }`);
  }
  const ours = new Set<string>(relations.map((t) => edgeTypeKey(t)));
  for (const key of Object.keys(edgeIndexDict)) {
    if (!ours.has(key)) {
      throw new GraphValidationError(`edgeIndexDict['${key}']`, `${layer} has no layer for edge type '${key}' (its relations: ${list(ours)})`);
    }
  }
  for (const type of relations) {
    const key = edgeTypeKey(type);
    const edgeIndex = edgeIndexDict[key];
    if (edgeIndex === undefined) {
      throw new GraphValidationError(`edgeIndexDict['${key}']`, `${layer} was built for edge type '${key}', which the input lacks (input edge types: ${list(Object.keys(edgeIndexDict))})`);
    }
    const [src, , dst] = type;
    for (const [role, nodeType] of [['source', src], ['destination', dst]] as const) {
      const x = xDict[nodeType];
      if (x === undefined) {
        throw new GraphValidationError(`xDict['${nodeType}']`, `node type '${nodeType}', the ${role} of edge type '${key}', has no features (input node types: ${list(Object.keys(xDict))})`);
      }
      if (!(x instanceof tf.Tensor) || x.rank !== 2) {
        throw new ShapeError(`xDict['${nodeType}']`, `${layer} expects node features [N, F] for node type '${nodeType}', got ${x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
      }
    }
    try {
      assertEdgeIndex(edgeIndex, layer);
    } catch (error) {
      if (error instanceof ShapeError) throw new ShapeError(`edgeIndexDict['${key}']`, error.message.slice(error.argument.length + 2));
      throw error;
    }
    checkIndexRange(layer, type, edgeIndex, xDict[src]!.shape[0], xDict[dst]!.shape[0]);
  }
}

/** Every source index below `numSrc` and every destination index below `numDst`, from core's bounds (scanned once per tensor). */
export function checkIndexRange(layer: string, type: EdgeType, edgeIndex: tf.Tensor2D, numSrc: number, numDst: number): void {
  const key = edgeTypeKey(type);
  let bounds;
  try {
    bounds = edgeIndexBounds(edgeIndex, layer);
  } catch (error) {
    if (error instanceof GraphValidationError) throw new GraphValidationError(`edgeIndexDict['${key}']`, error.message.slice(error.field.length + 2));
    throw error;
  }
  if (bounds.maxSource >= numSrc) {
    throw new GraphValidationError(`edgeIndexDict['${key}'][0]`, `source index ${bounds.maxSource} is beyond the ${numSrc} nodes of source type '${type[0]}'`);
  }
  if (bounds.maxTarget >= numDst) {
    throw new GraphValidationError(`edgeIndexDict['${key}'][1]`, `destination index ${bounds.maxTarget} is beyond the ${numDst} nodes of destination type '${type[2]}'`);
  }
}

/**
 * Checks a metadata argument and that every edge type's node types are
 * among its node types; a `GraphValidationError` naming the type otherwise.
 */
export function checkMetadataTypes(layer: string, nodeTypes: readonly string[], edgeTypes: readonly EdgeType[]): void {
  const known = new Set(nodeTypes);
  for (const type of edgeTypes) {
    for (const nodeType of [type[0], type[2]]) {
      if (!known.has(nodeType)) {
        throw new GraphValidationError('metadata', `${layer}: edge type '${edgeTypeKey(type)}' refers to node type '${nodeType}', which is not among the node types (${list(known)})`);
      }
    }
  }
}

/**
 * Remembers each node type's input width at the first forward of a layer
 * built with lazy sizes, so that a later input of another width is an error
 * naming the type rather than a mismatch inside a relation's layer.
 */
export class WidthMemory {
  readonly #widths = new Map<string, number>();

  /** Checks the widths of `xDict`'s node types in `types` against those remembered. */
  check(layer: string, xDict: XDict, types: Iterable<string>): void {
    for (const type of types) {
      const seen = this.#widths.get(type);
      const x = xDict[type];
      if (seen !== undefined && x !== undefined && seen !== x.shape[1]) {
        throw new ShapeError(`xDict['${type}']`, `${layer} was built for ${seen} input channels of node type '${type}', got [${x.shape.join(', ')}]`);
      }
    }
  }

  /** Remembers the widths of a forward that succeeded, or of a materialisation. */
  remember(widths: Readonly<Record<string, number>>): void {
    for (const [type, width] of Object.entries(widths)) this.#widths.set(type, width);
  }
}

/** The widths of `xDict`'s node types among `types`. */
export function widthsOf(xDict: XDict, types: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of types) if (xDict[type] !== undefined) out[type] = xDict[type]!.shape[1];
  return out;
}
