/** The graph and loader options the browser and Node sides of the worker test share. */
import * as tf from '@tensorflow/tfjs-core';
import { Graph } from '@gnnjs/core';

/** 2000 nodes, 16 000 edges from a fixed linear congruential stream. */
export function workerTestGraph(): Graph {
  let state = 12345;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const n = 2000;
  const src = Array.from({ length: 16_000 }, () => next(n));
  const dst = Array.from({ length: 16_000 }, () => next(n));
  return new Graph({ edgeIndex: [src, dst], numNodes: n, x: tf.ones([n, 2]) });
}

export const WORKER_TEST_LOADER = { numNeighbors: [5, 3], batchSize: 250, shuffle: true, seed: 11 } as const;
