/**
 * Test-only: a user's script that uses WebGPU in Node and then simply ends
 * (no `process.exit`). `node_exit.test.ts` runs it in its own process.
 * Argument 1: the Vulkan ICD; argument 2: `remove` to dispose the backend and
 * print how its device was lost.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setupNodeWebGPU } from '@gnnjs/backend-webgpu/node';
import { spmm } from '@gnnjs/core';

const [icd, mode] = process.argv.slice(2);
const setup = await setupNodeWebGPU(icd === undefined ? {} : { vulkanIcd: icd });
if (!setup.available) throw new Error(setup.reason);
await tf.setBackend('webgpu');
const out = spmm(tf.tensor2d([[0, 1], [1, 0]], [2, 2], 'int32'), tf.tensor2d([[1], [2]]), undefined, 2);
console.log(Array.from(await out.data()).join(','));
if (mode === 'remove') {
  const { device } = tf.backend() as unknown as { device: GPUDevice };
  tf.removeBackend('webgpu');
  let timer: NodeJS.Timeout | undefined;
  const lost = await Promise.race([device.lost, new Promise<undefined>((r) => (timer = setTimeout(r, 5000, undefined)))]);
  clearTimeout(timer);
  console.log(lost === undefined ? 'device alive' : `device ${lost.reason}`);
}
