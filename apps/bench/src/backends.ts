/** Registers the backends the harness can measure and tells which ones load here. */
import * as tf from '@tensorflow/tfjs-core';
import '@gnnjs/backend-cpu';
import '@gnnjs/backend-wasm';

export const CPU_BACKENDS = ['wasm', 'cpu'] as const;

/** Switches to `name`, returning why it cannot be used instead of throwing. */
export async function useBackend(name: string): Promise<string | undefined> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
