/**
 * Development aid: per-kernel CPU time of GATConv(64, 8, heads=8) forward +
 * backward on a random graph (`tsx ... scripts/profile_scaling.ts wasm 100000 2`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { randomEdges } from '@gnnjs/datasets';
import { GATConv } from '@gnnjs/layers';
import { useBackend } from '../src/backends.js';
import { timeKernels } from './kernel_cpu_time.js';

const [backend = 'wasm', nodesArg = '100000', stepsArg = '2'] = process.argv.slice(2);
const numNodes = Number(nodesArg);
const steps = Number(stepsArg);
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);
manualSeed(0);
const edgeIndex = tf.tensor2d(randomEdges(numNodes, 10 * numNodes, 0), [2, 10 * numNodes], 'int32');
const x = tf.randomNormal([numNodes, 64], 0, 1, 'float32', 0) as tf.Tensor2D;
const conv = new GATConv(64, 8, { heads: 8 });
const step = async (): Promise<void> => {
  const { value, grads } = tf.variableGrads(() => tf.sum(conv.forward(x, edgeIndex) as tf.Tensor), conv.parameters());
  await value.data();
  tf.dispose([value, ...Object.values(grads)]);
};
await step();
const timer = timeKernels(backend);
const c0 = process.cpuUsage();
for (let i = 0; i < steps; i++) await step();
const c = process.cpuUsage(c0);
timer.print(c.user + c.system, steps, 'step', 25);
