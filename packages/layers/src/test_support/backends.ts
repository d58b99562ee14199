/**
 * The tfjs backends layer tests run on: cpu always, wasm when its package
 * loads (it says why when it does not).
 */
import * as tf from '@tensorflow/tfjs-core';

export async function availableTestBackends(): Promise<string[]> {
  const names = ['cpu'];
  try {
    await import('@gnnjs/backend-wasm');
    if (await tf.setBackend('wasm')) names.push('wasm');
  } catch (error) {
    console.warn(`wasm backend unavailable, its parity tests are skipped: ${String(error)}`);
  }
  await tf.setBackend('cpu');
  return names;
}
