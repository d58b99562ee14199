/**
 * Development aid: times one GAT-like attention step at Cora scale on 'cpu'
 * and 'wasm': sddmm('add') → leakyRelu → segmentSoftmax → spmm, forward and
 * backward (`tsx --conditions=@gnnjs/source scripts/gat_step.ts`).
 */
import { randomEdges, randomValues } from '@gnnjs/backend-cpu/testing';
import { sddmm, segmentSoftmax, spmm } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../src/backends.js';

const [numNodes, heads, channels] = [2708, 8, 8];
const random = randomEdges(numNodes, 10556, 1);
// Cora's 10556 edges plus one self-loop per node, as GATConv adds them.
const numEdges = 10556 + numNodes;
const edgeIndex = new Int32Array(2 * numEdges);
edgeIndex.set(random.subarray(0, 10556), 0);
edgeIndex.set(random.subarray(10556), numEdges);
for (let i = 0; i < numNodes; i++) {
  edgeIndex[10556 + i] = i;
  edgeIndex[numEdges + 10556 + i] = i;
}

function attention(edges: tf.Tensor2D, dst: tf.Tensor1D, z: tf.Tensor, aSrc: tf.Tensor, aDst: tf.Tensor): tf.Tensor {
  const logits = tf.leakyRelu(sddmm(edges, aSrc, aDst, 'add'), 0.2);
  return spmm(edges, z, segmentSoftmax(logits, dst, numNodes), numNodes);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function bench(backend: string): Promise<void> {
  const why = await useBackend(backend);
  if (why !== undefined) throw new Error(why);
  const edges = tf.tensor2d(edgeIndex, [2, numEdges], 'int32');
  const dst = tf.tensor1d(edgeIndex.subarray(numEdges), 'int32');
  const z = tf.tensor3d(randomValues(numNodes * heads * channels, 2), [numNodes, heads, channels]);
  const aSrc = tf.tensor2d(randomValues(numNodes * heads, 3), [numNodes, heads]);
  const aDst = tf.tensor2d(randomValues(numNodes * heads, 4), [numNodes, heads]);
  const dy = tf.tensor3d(randomValues(numNodes * heads * channels, 5), [numNodes, heads, channels]);
  const step = (withGrad: boolean) =>
    tf.tidy(() => {
      if (!withGrad) return [attention(edges, dst, z, aSrc, aDst)];
      return tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => attention(edges, dst, a, b, c))([z, aSrc, aDst], dy);
    });
  // Wall time and this process's CPU time: on a loaded machine the latter
  // is the steadier estimate of what the step costs.
  const time = (withGrad: boolean): [number, number] => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const outs = step(withGrad);
    for (const t of outs) t.dataSync();
    tf.dispose(outs);
    const cpu = process.cpuUsage(cpuStart);
    return [performance.now() - start, (cpu.user + cpu.system) / 1000];
  };
  for (let k = 0; k < 3; k++) time(true);
  const runs = (withGrad: boolean) => Array.from({ length: 15 }, () => time(withGrad));
  const summary = (samples: [number, number][]) =>
    `${median(samples.map((s) => s[0])).toFixed(1)} ms wall / ${median(samples.map((s) => s[1])).toFixed(1)} ms cpu`;
  const forward = summary(runs(false));
  const both = summary(runs(true));
  const profile = await tf.profile(() => step(true));
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(
    `${backend.padEnd(5)} N=${numNodes} E=${numEdges} H=${heads} C=${channels}: ` +
      `forward ${forward}, forward+backward ${both} (medians of 15)`,
  );
  console.log(`      kernels (one fwd+bwd): ${top.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ')}`);
  tf.dispose([edges, dst, z, aSrc, aDst, dy]);
}

await bench('cpu');
await bench('wasm');
