/**
 * Typed arrays → a `@gnnjs/core` `Graph` (which then owns the tensors).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, type GraphInit } from '@gnnjs/core';

/** A graph's fields as typed arrays; `edgeIndex` is row 0 (sources) then row 1 (targets). */
export interface GraphArraysInit {
  readonly numNodes: number;
  readonly edgeIndex: Int32Array;
  /** Row-major `[numNodes, numFeatures]`. */
  readonly x?: Float32Array | undefined;
  readonly numFeatures?: number | undefined;
  readonly y?: Int32Array | undefined;
  readonly trainMask?: Uint8Array | undefined;
  readonly valMask?: Uint8Array | undefined;
  readonly testMask?: Uint8Array | undefined;
  readonly numClasses?: number | undefined;
}

/** Builds the tensors and the `Graph`; frees the tensors if the graph is refused. */
export function buildGraph(arrays: GraphArraysInit): Graph {
  const created: tf.Tensor[] = [];
  const track = <T extends tf.Tensor>(t: T): T => {
    created.push(t);
    return t;
  };
  try {
    const numEdges = arrays.edgeIndex.length / 2;
    const init: GraphInit = {
      edgeIndex: track(tf.tensor2d(arrays.edgeIndex, [2, numEdges], 'int32')),
      numNodes: arrays.numNodes,
    };
    if (arrays.x !== undefined) {
      const f = arrays.numFeatures ?? (arrays.numNodes === 0 ? 0 : arrays.x.length / arrays.numNodes);
      init.x = track(tf.tensor2d(arrays.x, [arrays.numNodes, f], 'float32'));
    }
    if (arrays.y !== undefined) init.y = track(tf.tensor1d(arrays.y, 'int32'));
    for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
      const mask = arrays[field];
      if (mask !== undefined) init[field] = track(tf.tensor1d(mask, 'bool'));
    }
    if (arrays.numClasses !== undefined) init.numClasses = arrays.numClasses;
    return new Graph(init);
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}
