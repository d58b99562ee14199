/**
 * Test script: `setupNodeWebGPU()` with a Vulkan driver manifest whose
 * library does not exist (Dawn starts, finds no adapter), then
 * `setBackend('webgpu')` and `setBackend('auto')`; prints each outcome as a line.
 * Usage: no_adapter.ts <icd.json>
 */
import '@tensorflow/tfjs-backend-cpu';
import '../../index.js';
import { setBackend } from '@gnnjs/core';
import { setupNodeWebGPU } from '../../node.js';

const setup = await setupNodeWebGPU({ vulkanIcd: process.argv[2]! });
console.log(`setup: ${setup.available ? 'available' : setup.reason}`);
for (const name of ['webgpu', 'auto'] as const) {
  try {
    console.log(`${name}: ${await setBackend(name)}`);
  } catch (error) {
    console.log(`${name}: ${(error as Error).name}: ${(error as Error).message}`);
  }
}
