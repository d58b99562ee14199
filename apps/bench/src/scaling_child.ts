/**
 * Child process of the scaling workload: prints one JSON line, a
 * `ScalingResult` or `{ "kind": "skipped", "why": ... }` when the backend
 * refuses the size (exit code 0) or the run fails (exit code 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import { resetWasmHeapPeak, wasmHeapUsage, type BackendWasm } from '@gnnjs/backend-wasm';
import { GnnError, manualSeed } from '@gnnjs/core';
import { randomEdges } from '@gnnjs/datasets';
import { GATConv } from '@gnnjs/layers';
import { useBackend } from './backends.js';
import type { ScalingResult } from './results.js';
import { measure } from './timing.js';
import { assertScalingFits } from './workloads/scaling_memory.js';

const [backend = 'wasm', nodesArg = '10000'] = process.argv.slice(2);
const numNodes = Number(nodesArg);

function graph(n: number) {
  const edgeIndex = tf.tensor2d(randomEdges(n, 10 * n, 0), [2, 10 * n], 'int32');
  const x = tf.randomNormal([n, 64], 0, 1, 'float32', 0) as tf.Tensor2D;
  return { edgeIndex, x };
}

/** One forward + backward of `sum(out)`, read back. */
async function fwdBwd(conv: GATConv, x: tf.Tensor2D, edgeIndex: tf.Tensor2D): Promise<void> {
  const { value, grads } = tf.variableGrads(() => tf.sum(conv.forward(x, edgeIndex) as tf.Tensor), conv.parameters());
  await value.data();
  tf.dispose([value, ...Object.values(grads)]);
}

async function run(): Promise<ScalingResult> {
  const why = await useBackend(backend);
  if (why !== undefined) throw new Error(why);
  manualSeed(0);
  const conv = new GATConv(64, 8, { heads: 8 });
  await assertScalingFits(backend, numNodes, async (n) => {
    // The heap's own count: tfjs's numBytes counts a reshape's shared memory again.
    const wasm = tf.backend() as BackendWasm;
    resetWasmHeapPeak(wasm);
    const small = graph(n);
    await fwdBwd(conv, small.x, small.edgeIndex);
    tf.dispose([small.x, small.edgeIndex]);
    const usage = wasmHeapUsage(wasm);
    if (usage === undefined) throw new Error('the wasm backend has no heap guard to measure with');
    return usage.peakBytes;
  });
  const { x, edgeIndex } = graph(numNodes);
  const step = () => fwdBwd(conv, x, edgeIndex);
  const fwdOnly = async () => {
    const out = tf.tidy(() => conv.forward(x, edgeIndex) as tf.Tensor);
    await out.data();
    out.dispose();
  };

  await step();
  const before = tf.memory().numTensors;
  const train = await measure(step, { warmup: 1, iterations: 5 });
  const infer = await measure(fwdOnly, { warmup: 1, iterations: 5 });
  return {
    kind: 'gatconv-scaling',
    backend,
    numNodes,
    numEdges: 10 * numNodes,
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
}

try {
  process.stdout.write(`${JSON.stringify(await run())}\n`);
} catch (error) {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stdout.write(`${JSON.stringify({ kind: 'skipped', why })}\n`);
  // A typed refusal (the size does not fit this backend) is a result; anything else a failure.
  process.exitCode = error instanceof GnnError ? 0 : 1;
}
