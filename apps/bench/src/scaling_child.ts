/** Child process of the scaling workload: prints one JSON `ScalingResult` line. */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { randomEdges } from '@gnnjs/datasets';
import { GATConv } from '@gnnjs/layers';
import { useBackend } from './backends.js';
import type { ScalingResult } from './results.js';
import { measure } from './timing.js';

const [backend = 'wasm', nodesArg = '10000'] = process.argv.slice(2);
const numNodes = Number(nodesArg);
const numEdges = 10 * numNodes;
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);

manualSeed(0);
const flat = randomEdges(numNodes, numEdges, 0);
const edgeIndex = tf.tensor2d(flat, [2, numEdges], 'int32');
const x = tf.randomNormal([numNodes, 64], 0, 1, 'float32', 0) as tf.Tensor2D;
const conv = new GATConv(64, 8, { heads: 8 });
const variables = conv.parameters();

const fwdBwd = async () => {
  const { value, grads } = tf.variableGrads(() => tf.sum(conv.forward(x, edgeIndex) as tf.Tensor), variables);
  await value.data();
  tf.dispose([value, ...Object.values(grads)]);
};
const fwdOnly = async () => {
  const out = tf.tidy(() => conv.forward(x, edgeIndex) as tf.Tensor);
  await out.data();
  out.dispose();
};

await fwdBwd();
const before = tf.memory().numTensors;
const train = await measure(fwdBwd, { warmup: 1, iterations: 5 });
const infer = await measure(fwdOnly, { warmup: 1, iterations: 5 });
const result: ScalingResult = {
  kind: 'gatconv-scaling',
  backend,
  numNodes,
  numEdges,
  fwdBwdMedianMs: train.medianMs,
  fwdOnlyMedianMs: infer.medianMs,
  fwdBwdCpuMedianMs: train.cpuMedianMs,
  memory: {
    tfjsBytes: tf.memory().numBytes,
    tensorGrowth: tf.memory().numTensors - before,
    // maxRSS is in KiB on Linux.
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
