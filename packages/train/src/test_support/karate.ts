import * as tf from '@tensorflow/tfjs-core';
import { KarateClub, NormalizeFeatures } from '@gnnjs/datasets';
import type { NodeClassificationGraph } from '../tasks/node_splits.js';

/** Zachary's karate club as the CLI trains on it: one training node per class, the other 30 for validation and test. */
export function karateGraph(): NodeClassificationGraph & { numClasses: number; numFeatures: number; dispose(): void } {
  const graph = KarateClub.load({ transform: new NormalizeFeatures() });
  const { x, y, trainMask, numClasses } = graph;
  const rest = tf.tidy(() => tf.logicalNot(tf.cast(trainMask, 'bool'))) as tf.Tensor1D;
  return {
    x,
    edgeIndex: graph.edgeIndex,
    y,
    trainMask,
    valMask: rest,
    testMask: rest,
    numClasses,
    numFeatures: graph.numFeatures,
    dispose: () => {
      rest.dispose();
      graph.dispose();
    },
  };
}
