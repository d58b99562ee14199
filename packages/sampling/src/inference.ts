/**
 * Layer-wise full-graph inference (PyG's `inference(x_all, subgraph_loader)`
 * in its GraphSAGE examples): layer `l` runs on every node before layer `l+1`,
 * batch by batch over one-hop subgraphs with every in-edge, so evaluation is
 * exact (not sampled) while memory stays at one batch's neighbourhood.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, InMemoryGraphStore, type GraphStore } from '@gnnjs/core';
import { SamplingError } from './errors.js';
import { sampleNeighbors, SamplerScratch } from './sampler/neighbor_sample.js';
import { checkPositiveInt, samplerGraph } from './sampler/options.js';

/**
 * One layer (with what follows it, e.g. the activation) on a one-hop subgraph:
 * `x` has a row per subgraph node, the first `batchSize` being the targets;
 * rows past `batchSize` of the result are ignored.
 */
export type InferenceLayer = (x: tf.Tensor2D, edgeIndex: tf.Tensor2D, batchSize: number) => tf.Tensor2D;

/** Options of {@link layerwiseInference}. */
export interface LayerwiseInferenceOptions {
  /** Target nodes per subgraph. Default 1024. */
  batchSize?: number | undefined;
}

/**
 * Runs `layers` one after the other over the whole graph, each on every node
 * in batches of `batchSize` target nodes with all their in-neighbours (a
 * subgraph loader with `numNeighbors: [-1]`), and returns the last layer's
 * output for every node, in node order. Equal to the full-batch forward for
 * layers whose output at a node depends only on its in-edges and their
 * sources' rows (SAGE, GAT, GIN, GraphConv, ...). `GCNConv` normalises by the
 * sources' degrees, which a one-hop subgraph does not hold: give it
 * precomputed `edgeWeight`s or use full-batch inference. Runs under `tf.tidy`
 * per batch; the result is a new tensor.
 *
 * @example
 * ```ts
 * model.eval();
 * const out = layerwiseInference(graph, graph.x!, [
 *   (x, ei) => tf.relu(model.conv1.forward(x, ei)),
 *   (x, ei) => model.conv2.forward(x, ei),
 * ], { batchSize: 2048 });
 * ```
 */
export function layerwiseInference(
  graph: Graph | GraphStore,
  x: tf.Tensor2D,
  layers: readonly InferenceLayer[],
  options: LayerwiseInferenceOptions = {},
): tf.Tensor2D {
  const store = graph instanceof Graph ? InMemoryGraphStore.fromGraph(graph) : graph;
  if (store.kind !== 'homogeneous') throw new SamplingError('graph', 'layerwiseInference takes a homogeneous graph (one node and one edge type)');
  const sampler = samplerGraph(store);
  const numNodes = sampler.numNodes[0]!;
  if (x.rank !== 2 || x.shape[0] !== numNodes) throw new SamplingError('x', `expected [${numNodes}, F] (one row per node), got [${x.shape.join(', ')}]`);
  if (layers.length === 0) throw new SamplingError('layers', 'expected at least one layer');
  const batchSize = checkPositiveInt(options.batchSize, 'batchSize', 1024);
  const scratch = new SamplerScratch(sampler);
  let current = x;
  for (const layer of layers) {
    const parts: tf.Tensor2D[] = [];
    try {
      for (let start = 0; start < numNodes; start += batchSize) {
        const size = Math.min(batchSize, numNodes - start);
        const seeds = Int32Array.from({ length: size }, (_, i) => start + i);
        const out = sampleNeighbors(
          sampler,
          { seeds: [seeds], numNeighbors: [[-1]], replace: false, disjoint: false, temporalStrategy: 'uniform', subgraphType: 'directional', randomSeed: 0 },
          scratch,
        );
        const source = current;
        parts.push(
          tf.tidy(() => {
            const h = tf.gather(source, tf.tensor1d(out.node[0]!, 'int32')) as tf.Tensor2D;
            const row = out.row[0]!;
            const edgeIndex = tf.tensor2d(Int32Array.from([...row, ...out.col[0]!]), [2, row.length], 'int32');
            const y = layer(h, edgeIndex, size);
            if (!(y instanceof tf.Tensor) || y.rank !== 2 || y.shape[0]! < size) {
              throw new SamplingError('layers', `a layer must return a [nodes, F] tensor with at least ${size} rows`);
            }
            return tf.slice(y, [0, 0], [size, y.shape[1]!]);
          }),
        );
      }
      const next = parts.length === 1 ? parts[0]! : (tf.concat(parts, 0) as tf.Tensor2D);
      if (parts.length > 1) tf.dispose(parts);
      if (current !== x) current.dispose();
      current = next;
    } catch (error) {
      tf.dispose(parts);
      if (current !== x) current.dispose();
      throw error;
    }
  }
  return current;
}
