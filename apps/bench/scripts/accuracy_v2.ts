/**
 * Cora test accuracy of the layer-v2 recipes (`src/workloads/layer_models.ts`),
 * 10 seeds: public split, NormalizeFeatures, 200 epochs of `@gnnjs/train`'s
 * `fit`, test accuracy at the first epoch with the best validation accuracy.
 * PyG's side is `accuracy_v2_pyg.py` with the same recipe.
 *
 * Each seed also reports the change of tfjs's tensor count from the end of
 * epoch 1 to the last epoch (0: no growth).
 *
 *   tsx --conditions=@gnnjs/source scripts/accuracy_v2.ts sage|gin|gine|graphconv|transformer [seeds=10] [backend=wasm] [epochs=200] [first=0]
 *
 * (seeds `first … first+seeds-1`: several processes can share the seeds out).
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import { Adam, NodeClassificationTask, fit, fullBatch, mean, populationStd, prepareNodeSplits, type NodeClassificationGraph } from '@gnnjs/train';
import { useBackend } from '../src/backends.js';
import { LAYER_MODELS, buildLayerModel, syntheticEdgeAttr, type LayerModelName } from '../src/workloads/layer_models.js';

const [name = 'sage', seedsArg = '10', backend = 'wasm', epochsArg = '200', firstArg = '0'] = process.argv.slice(2);
if (!(LAYER_MODELS as readonly string[]).includes(name)) throw new Error(`model must be one of ${LAYER_MODELS.join(', ')}, got ${name}`);
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);
const mirror = new URL('../../../../shared/datasets/planetoid', import.meta.url).pathname;
const graph = await Planetoid.load('Cora', { transform: new NormalizeFeatures(), mirror });
const splits = await prepareNodeSplits(graph as unknown as NodeClassificationGraph);
const edgeAttr = name === 'gine' ? syntheticEdgeAttr(splits.edgeIndex) : undefined;
const data = { ...splits, ...(edgeAttr === undefined ? {} : { edgeAttr }) };
const accuracies: number[] = [];
const started = performance.now();
for (let seed = Number(firstArg); seed < Number(firstArg) + Number(seedsArg); seed++) {
  manualSeed(seed);
  const net = buildLayerModel(name as LayerModelName, graph.numFeatures, graph.numClasses!);
  const optimizer = new Adam(net.parameters(), { lr: 0.01, weightDecay: 5e-4 });
  const counts: number[] = [];
  const result = await fit(net, fullBatch(data), {
    task: new NodeClassificationTask({ numClasses: graph.numClasses! }),
    optimizer,
    epochs: Number(epochsArg),
    forward: (m, d) => m.forward(d),
    callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
  });
  const acc = 100 * result.best.test!.accuracy;
  accuracies.push(acc);
  const growth = counts[counts.length - 1]! - counts[0]!;
  console.log(`seed ${seed}: test ${acc.toFixed(2)} at epoch ${result.bestEpoch} (${result.msPerEpoch.toFixed(1)} ms/epoch, tensor growth ${growth})`);
  net.dispose();
  optimizer.dispose();
}
console.log(
  JSON.stringify({ model: name, backend, seeds: accuracies.length, mean: +mean(accuracies).toFixed(2), std: +populationStd(accuracies).toFixed(2), accuracies: accuracies.map((a) => +a.toFixed(1)), seconds: Math.round((performance.now() - started) / 1000) }),
);
