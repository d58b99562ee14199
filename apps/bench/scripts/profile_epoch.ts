/**
 * Development aid: per-kernel time of Cora training epochs on one backend
 * (`tsx --conditions=@gnnjs/source scripts/profile_epoch.ts wasm gat 5`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import { buildModel, buildTrainingSetup, defaultHyperParameters, prepareNodeSplits, trainEpoch, type ModelName, type NodeClassificationGraph } from '@gnnjs/train';
import { useBackend } from '../src/backends.js';
import { timeKernels } from './kernel_cpu_time.js';

const [backend = 'wasm', modelName = 'gat', epochsArg = '5'] = process.argv.slice(2);
const epochs = Number(epochsArg);
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);
const graph = await Planetoid.load('Cora', { transform: new NormalizeFeatures(), mirror: '../../../shared/datasets/planetoid' });
const data = await prepareNodeSplits(graph as unknown as NodeClassificationGraph);
manualSeed(0);
const model = modelName as ModelName;
const config = { dataset: 'cora' as const, model, seed: 0, hyperParameters: defaultHyperParameters(model), numFeatures: graph.numFeatures, numClasses: graph.numClasses!, normalizeFeatures: true };
const net = buildModel(config);
const setup = buildTrainingSetup(config, net);
for (let i = 0; i < 3; i++) await trainEpoch(net, data, setup);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < epochs; i++) await trainEpoch(net, data, setup);
const cpu = process.cpuUsage(cpu0);
console.log(`${backend} ${model}: wall ${((performance.now() - t0) / epochs).toFixed(1)} ms/epoch, cpu ${((cpu.user + cpu.system) / 1000 / epochs).toFixed(1)} ms/epoch`);
if (process.env.CPUPROF === '1') {
  const timer = timeKernels(backend);
  const c0 = process.cpuUsage();
  for (let i = 0; i < epochs; i++) await trainEpoch(net, data, setup);
  const c = process.cpuUsage(c0);
  timer.print(c.user + c.system, epochs, 'epoch', 40);
} else if (process.env.PROFILE !== '0') {
  const info = await tf.profile(async () => { await trainEpoch(net, data, setup); });
  const byName = new Map<string, { ms: number; n: number; shapes: string }>();
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const e = byName.get(key) ?? { ms: 0, n: 0, shapes: '' };
    e.ms += ms; e.n += 1;
    byName.set(key, e);
  }
  const rows = [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30);
  for (const [k, v] of rows) console.log(v.ms.toFixed(2).padStart(9), String(v.n).padStart(3), k);
}
