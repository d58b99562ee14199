import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError, getBackend, setBackend } from '@gnnjs/core';
import { resetNodeBackendStateForTests } from './load_node_backend.js';
import { registerNodeBackends } from './register_node_backends.js';
import { fakeInstallProbe } from './test_support/fake_install_probe.js';
import { registerFakeTensorflowBackend } from './test_support/fake_tensorflow_backend.js';
import type { TfjsNodePackage } from './variants.js';

const dirs = { '@tensorflow/tfjs-node-gpu': '/m/tfjs-node-gpu', '@tensorflow/tfjs-node': '/m/tfjs-node' };
const built = fakeInstallProbe({
  packages: dirs,
  files: Object.values(dirs).flatMap((d) => [`${d}/lib/napi-v8/tfjs_binding.node`, `${d}/deps/lib/libtensorflow.so.2`]),
});
const unbuilt = fakeInstallProbe({ packages: dirs, files: Object.values(dirs).map((d) => `${d}/package.json`) });
const working = (gpu: boolean) => async (_pkg: TfjsNodePackage) => registerFakeTensorflowBackend({ gpu });

beforeEach(async () => {
  resetNodeBackendStateForTests();
  await tf.setBackend('cpu');
});
afterEach(() => {
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
});

describe("registerNodeBackends + core's setBackend", () => {
  it("selects 'node-gpu' when TensorFlow sees a GPU, and 'auto' prefers it", async () => {
    const startup = await registerNodeBackends({ importPackage: working(true), probe: built });
    expect(startup['node-gpu']).toMatchObject({ packageName: '@tensorflow/tfjs-node-gpu', usingGpu: true });
    await expect(setBackend('node-gpu')).resolves.toBe('node-gpu');
    expect(tf.getBackend()).toBe('tensorflow');
    await setBackend('cpu');
    await expect(setBackend('auto')).resolves.toBe('node-gpu');
  });

  it("refuses 'node-gpu' on TensorFlow's CPU with the cause; 'node' and 'auto' use TensorFlow's CPU", async () => {
    await registerNodeBackends({ importPackage: working(false), probe: built });
    const error = await setBackend('node-gpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toContain('no NVIDIA driver');
    await expect(setBackend('node')).resolves.toBe('node');
    expect(getBackend()).toBe('node');
    await setBackend('cpu');
    await expect(setBackend('auto')).resolves.toBe('node');
  });

  it('fails selection with the diagnosed cause and fix when the binding is missing; auto falls back', async () => {
    const startup = await registerNodeBackends({ importPackage: working(true), probe: unbuilt });
    expect(startup.node).toBeInstanceOf(BackendUnavailableError);
    for (const name of ['node-gpu', 'node'] as const) {
      const error = (await setBackend(name).catch((e: unknown) => e)) as BackendUnavailableError;
      expect(error).toBeInstanceOf(BackendUnavailableError);
      expect(error.message).toContain("install script has not run");
      expect(error.message).toContain('allowBuilds');
      expect(error.message).not.toContain('its package is not imported');
    }
    expect(tf.getBackend()).toBe('cpu');
    await expect(setBackend('auto')).resolves.toBe('cpu');
    // tfjs's own choice never picks the stand-in either.
    await expect(tf.setBackend('tensorflow')).resolves.toBe(false);
  });
});
