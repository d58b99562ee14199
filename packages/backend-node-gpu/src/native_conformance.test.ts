// Core's conformance suite on the real `tensorflow` backend, when this machine
// can load tfjs-node-gpu (GPU) or tfjs-node (CPU). Where neither loads, the
// suite is reported as skipped, its title saying why (the test summary lists it).
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GNN_KERNEL_NAMES, isCompositeKernel } from '@gnnjs/core';
import { conformanceCases } from '@gnnjs/core/testing';
import { loadNodeBackend, type NodeBackendInfo } from './index.js';

async function tryNativeBackend(): Promise<NodeBackendInfo | string> {
  try {
    return await loadNodeBackend('node-gpu');
  } catch {
    // No GPU build or no GPU: TensorFlow's CPU kernels are still worth checking.
  }
  try {
    return await loadNodeBackend('node');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const native = await tryNativeBackend();
const where = typeof native === 'string' ? 'unavailable' : `${native.packageName}, ${native.usingGpu ? 'GPU' : 'CPU'}`;
const title = skipTitle(`GNN kernel conformance on the real tensorflow backend (${where})`, typeof native === 'string' ? native : undefined);

describe.skipIf(typeof native === 'string')(title, () => {
  beforeAll(async () => {
    expect(await tf.setBackend('tensorflow')).toBe(true);
  });

  for (const c of conformanceCases()) it(c.name, () => c.run());

  it('ran the native kernels, never a composite', () => {
    for (const name of GNN_KERNEL_NAMES) expect(isCompositeKernel(name, 'tensorflow'), name).toBe(false);
  });
});
