/**
 * GPS (with Laplacian eigenvector PE) against a 2-layer GIN (without and
 * with the same PE) on `pathPairDistance`, a graph-classification task whose
 * labels need long-range information: test accuracy at the best validation
 * epoch over seeds, the recipe of `src/workloads/graph_transformer.ts`.
 *
 *   tsx --conditions=@gnnjs/source scripts/graph_transformer_accuracy.ts [seeds=5] [epochs=60] [backend=wasm] [models=gin,gin-lappe,gps-lappe]
 */
import * as tf from '@tensorflow/tfjs-core';
import { mean, populationStd } from '@gnnjs/train';
import { useBackend } from '../src/backends.js';
import { GRAPH_TRANSFORMER_MODELS, disposeSplits, makeSplits, trainGraphModel, type GraphTransformerModel } from '../src/workloads/graph_transformer.js';

const [seedsArg = '5', epochsArg = '60', backend = 'wasm', modelsArg = GRAPH_TRANSFORMER_MODELS.join(',')] = process.argv.slice(2);
const models = modelsArg.split(',') as GraphTransformerModel[];
for (const m of models) if (!(GRAPH_TRANSFORMER_MODELS as readonly string[]).includes(m)) throw new Error(`unknown model ${m}`);
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);
for (const name of models) {
  const accuracies: number[] = [];
  const started = performance.now();
  for (let seed = 0; seed < Number(seedsArg); seed++) {
    // Each seed draws its own dataset and its own weights.
    const splits = makeSplits({ seed, withPE: name !== 'gin' });
    const counts: number[] = [];
    const result = await trainGraphModel(name, splits, { seed, epochs: Number(epochsArg), onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    const acc = 100 * result.best.test!.accuracy;
    accuracies.push(acc);
    console.log(`${name} seed ${seed}: test ${acc.toFixed(1)} at epoch ${result.bestEpoch} (${result.msPerEpoch.toFixed(0)} ms/epoch, tensor growth ${counts[counts.length - 1]! - counts[0]!})`);
    disposeSplits(splits);
  }
  console.log(JSON.stringify({ model: name, backend, seeds: accuracies.length, mean: +mean(accuracies).toFixed(1), std: +populationStd(accuracies).toFixed(1), accuracies: accuracies.map((a) => +a.toFixed(1)), seconds: Math.round((performance.now() - started) / 1000) }));
}
