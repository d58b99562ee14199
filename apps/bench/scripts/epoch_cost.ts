/**
 * Development aid: what one Planetoid training epoch and one inference cost,
 * in measures that a loaded machine does not disturb much: process CPU time
 * per iteration (mean and median over many), kernels dispatched and tensors
 * made per iteration (`tf.profile` of one), and the kernels by name.
 *
 * `tsx --conditions=@gnnjs/source scripts/epoch_cost.ts wasm cora gcn 200`
 *
 * For instruction counts (repeatable whatever the load) run it under
 * callgrind twice with different iteration counts and `COUNTS=0` and take the
 * difference: `valgrind --tool=callgrind --callgrind-out-file=/dev/null node
 * --import tsx/esm ... wasm cora gcn 20` against `... 40`, whose difference is
 * 20 epochs + 20 inferences without start-up or JIT warm-up (`ONLY=train` or
 * `ONLY=infer` times one of the two).
 *
 * `LEVERS_OFF=GnnAdamStep,GnnGatAttention` unregisters those optional fused
 * kernels (and their `…Grad` kernels) from the backend, so their composites (the op sequences they fuse)
 * run instead: a lever's before/after in one build (apps/bench/LEVERS.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import {
  buildModel,
  buildTrainingSetup,
  builtInForward,
  defaultHyperParameters,
  prepareNodeSplits,
  trainEpoch,
  type ModelName,
  type NodeClassificationGraph,
} from '@gnnjs/train';
import { useBackend } from '../src/backends.js';
import { timeKernels } from './kernel_cpu_time.js';

const [backend = 'wasm', datasetArg = 'cora', modelArg = 'gcn', iterationsArg = '100'] = process.argv.slice(2);
const iterations = Number(iterationsArg);
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);
for (const name of (process.env.LEVERS_OFF ?? '').split(',').filter((n) => n !== '')) {
  if (tf.getKernel(name, backend) === undefined) throw new Error(`no kernel ${name} registered for ${backend}`);
  // The kernel and its backward kernel (`…Grad`), if it has one.
  for (const k of [name, `${name}Grad`]) if (tf.getKernel(k, backend) !== undefined) tf.unregisterKernel(k, backend);
}
const datasetName = datasetArg === 'citeseer' ? 'CiteSeer' : 'Cora';
const graph = await Planetoid.load(datasetName, {
  transform: new NormalizeFeatures(),
  mirror: process.env.GNNJS_DATASETS_MIRROR ?? new URL('../../../../shared/datasets/planetoid', import.meta.url).pathname,
});
const data = await prepareNodeSplits(graph as unknown as NodeClassificationGraph);
manualSeed(0);
const model = modelArg as ModelName;
const config = {
  dataset: datasetArg as 'cora' | 'citeseer',
  model,
  seed: 0,
  hyperParameters: defaultHyperParameters(model),
  numFeatures: graph.numFeatures,
  numClasses: graph.numClasses!,
  normalizeFeatures: true,
};
const net = buildModel(config);
const setup = buildTrainingSetup(config, net);

const train = (): Promise<number> => trainEpoch(net, data, setup);
const infer = async (): Promise<void> => {
  net.eval();
  const out = tf.tidy(() => builtInForward(net, data));
  await out.data();
  out.dispose();
};

for (let i = 0; i < 5; i++) {
  await train();
  await infer();
}

if (process.env.COUNTS !== '0') {
  for (const [name, step] of [
    ['train', train],
    ['infer', infer],
  ] as const) {
    const info = await tf.profile(async () => {
      await step();
    });
    const byName = new Map<string, number>();
    for (const k of info.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + 1);
    const names = [...byName.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`);
    console.log(`${name}: ${info.kernels.length} kernels, ${info.newTensors} tensors kept, ${info.newBytes} bytes kept; ${names.join(' ')}`);
  }
}

if (process.env.KERNELS === 'train' || process.env.KERNELS === 'infer') {
  const step = process.env.KERNELS === 'train' ? train : infer;
  const timer = timeKernels(backend);
  const c0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await step();
  const c = process.cpuUsage(c0);
  timer.print(c.user + c.system, iterations, process.env.KERNELS, 25);
  process.exit(0);
}

async function cpuPer(step: () => Promise<unknown>): Promise<{ mean: number; median: number }> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    await step();
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, median: samples[samples.length >> 1]! };
}

// ONLY=train or ONLY=infer measures one of them (for callgrind differences).
const only = process.env.ONLY;
const trainCpu = only === 'infer' ? { mean: NaN, median: NaN } : await cpuPer(train);
const inferCpu = only === 'train' ? { mean: NaN, median: NaN } : await cpuPer(infer);
const loss = await train();
console.log(
  `${backend} ${datasetName} ${model}: train cpu mean ${trainCpu.mean.toFixed(2)} median ${trainCpu.median.toFixed(2)} ms; ` +
    `infer cpu mean ${inferCpu.mean.toFixed(2)} median ${inferCpu.median.toFixed(2)} ms; loss after ${iterations + 6} epochs ${loss}`,
);
