/**
 * Development aid: per-kernel CPU time of GATConv(64, 8, heads=8) forward +
 * backward on a random graph (`tsx ... scripts/profile_scaling.ts wasm 100000 2`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { randomEdges } from '@gnnjs/datasets';
import { GATConv } from '@gnnjs/layers';
import { useBackend } from '../src/backends.js';

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
const acc = new Map<string, { us: number; n: number }>();
for (const k of tf.getKernelsForBackend(backend)) {
  const inner = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, backend);
  tf.registerKernel({ ...k, kernelFunc: (args) => {
    const c0 = process.cpuUsage();
    const out = inner(args);
    const c = process.cpuUsage(c0);
    const key = `${k.kernelName} ${JSON.stringify(Object.values(args.inputs).map((t) => (t as tf.TensorInfo).shape))}`;
    const e = acc.get(key) ?? { us: 0, n: 0 };
    e.us += c.user + c.system; e.n += 1; acc.set(key, e);
    return out;
  } });
}
const c0 = process.cpuUsage();
for (let i = 0; i < steps; i++) await step();
const c = process.cpuUsage(c0);
let sum = 0;
for (const v of acc.values()) sum += v.us;
console.log(`cpu ${((c.user + c.system) / 1000 / steps).toFixed(1)} ms/step, in kernels ${(sum / 1000 / steps).toFixed(1)}, rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
for (const [k, v] of [...acc.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 25)) {
  console.log((v.us / 1000 / steps).toFixed(1).padStart(9), String(v.n / steps).padStart(4), k);
}
