import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import * as core from '@gnnjs/core';

it('exports graph data, utils, pooling and backend selection from @gnnjs/core', async () => {
  const names = [
    'Graph', 'Batch', 'removeSelfLoops', 'addSelfLoops', 'addRemainingSelfLoops', 'degree', 'coalesce',
    'toUndirected', 'isUndirected', 'gcnNorm', 'dropoutEdge', 'subgraph', 'kHopSubgraph',
    'globalAddPool', 'globalMeanPool', 'globalMaxPool', 'setBackend', 'getBackend', 'availableBackends', 'registerBackendAlias',
  ];
  const missing = names.filter((name) => typeof (core as Record<string, unknown>)[name] !== 'function');
  expect(missing).toEqual([]);
  await core.setBackend('cpu');
  // GCN normalisation on a Graph through the public entry point, gradients registered by the index.
  const graph = core.Graph.fromArrays({ src: [0, 1], dst: [1, 2] });
  const grad = tf.grad((w: tf.Tensor) =>
    tf.sum(core.gcnNorm(graph.edgeIndex, { edgeWeight: w as tf.Tensor1D, numNodes: graph.numNodes }).edgeWeight),
  );
  expect(grad(tf.ones([2])).shape).toEqual([2]);
});
