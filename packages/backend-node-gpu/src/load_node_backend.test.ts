import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '@gnnjs/core';
import { loadNodeBackend, resetNodeBackendStateForTests } from './load_node_backend.js';
import { NodeBackendUnavailableError } from './node_backend_error.js';
import { fakeInstallProbe } from './test_support/fake_install_probe.js';
import { registerFakeTensorflowBackend } from './test_support/fake_tensorflow_backend.js';
import type { TfjsNodePackage } from './variants.js';

const GPU_DIR = '/app/node_modules/@tensorflow/tfjs-node-gpu';
const CPU_DIR = '/app/node_modules/@tensorflow/tfjs-node';
const noAddon = (pkg: string) => new Error(`The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/${pkg}/lib/napi-v8/tfjs_binding.node.`);

/** Both packages installed by pnpm without their build scripts. */
const unbuilt = fakeInstallProbe({
  packages: { '@tensorflow/tfjs-node-gpu': GPU_DIR, '@tensorflow/tfjs-node': CPU_DIR },
  files: [`${GPU_DIR}/package.json`, `${CPU_DIR}/package.json`],
});
/** Both packages with their addon and libtensorflow in place. */
const built = fakeInstallProbe({
  packages: { '@tensorflow/tfjs-node-gpu': GPU_DIR, '@tensorflow/tfjs-node': CPU_DIR },
  files: [GPU_DIR, CPU_DIR].flatMap((dir) => [`${dir}/lib/napi-v8/tfjs_binding.node`, `${dir}/deps/lib/libtensorflow.so.2`]),
});
const failingImport = async (pkg: TfjsNodePackage): Promise<unknown> => {
  throw noAddon(pkg);
};

/** An import that behaves like a working tfjs-node: it registers the `tensorflow` backend. */
function workingImport(imported: TfjsNodePackage[], gpu = false) {
  return async (pkg: TfjsNodePackage): Promise<unknown> => {
    imported.push(pkg);
    registerFakeTensorflowBackend({ gpu });
    return {};
  };
}

afterEach(() => {
  resetNodeBackendStateForTests();
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
});

describe('loadNodeBackend', () => {
  it('throws a BackendUnavailableError that names the cause and the fix', async () => {
    const error = await loadNodeBackend('node-gpu', { importPackage: failingImport, probe: unbuilt }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(error).toBeInstanceOf(NodeBackendUnavailableError);
    const failure = error as NodeBackendUnavailableError;
    expect(failure.backend).toBe('node-gpu');
    expect(failure.diagnosis.cause).toBe('install-script-not-run');
    expect(failure.message).toContain("@tensorflow/tfjs-node-gpu's install script has not run");
    expect(failure.hint).toContain('allowBuilds');
  });

  it('does not import a package whose files show it cannot load', async () => {
    const imported: TfjsNodePackage[] = [];
    await expect(loadNodeBackend('node', { importPackage: workingImport(imported), probe: unbuilt })).rejects.toThrow(
      NodeBackendUnavailableError,
    );
    expect(imported).toEqual([]);
  });

  it('diagnoses the error of an import that was tried', async () => {
    const error = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    const failure = (await loadNodeBackend('node-gpu', { importPackage: () => Promise.reject(error), probe: built }).catch(
      (e: unknown) => e,
    )) as NodeBackendUnavailableError;
    expect(failure.diagnosis.cause).toBe('cuda-missing');
    expect(failure.hint).toContain('CUDA 11.2');
  });

  it("tries tfjs-node, then tfjs-node-gpu, for 'node' and reports both", async () => {
    const onlyGpu = fakeInstallProbe({ packages: { '@tensorflow/tfjs-node-gpu': GPU_DIR } });
    const error = (await loadNodeBackend('node', { importPackage: failingImport, probe: onlyGpu }).catch((e: unknown) => e)) as NodeBackendUnavailableError;
    expect(error.diagnoses.map((d) => [d.packageName, d.cause])).toEqual([
      ['@tensorflow/tfjs-node', 'package-missing'],
      ['@tensorflow/tfjs-node-gpu', 'install-script-not-run'],
    ]);
    // The installed package's problem is the one worth leading with.
    expect(error.diagnosis.packageName).toBe('@tensorflow/tfjs-node-gpu');
    expect(error.message).toContain('@tensorflow/tfjs-node is not installed');
  });

  it("loads tfjs-node for 'node' and starts its backend", async () => {
    const imported: TfjsNodePackage[] = [];
    const info = await loadNodeBackend('node', { importPackage: workingImport(imported), probe: built });
    expect(info).toEqual({ variant: 'node', packageName: '@tensorflow/tfjs-node', tfjsBackendName: 'tensorflow', usingGpu: false });
    expect(imported).toEqual(['@tensorflow/tfjs-node']);
  });

  it("accepts 'node-gpu' only when TensorFlow sees a GPU", async () => {
    const info = await loadNodeBackend('node-gpu', { importPackage: workingImport([], true), probe: built });
    expect(info.usingGpu).toBe(true);
    expect(info.packageName).toBe('@tensorflow/tfjs-node-gpu');
  });

  it("refuses 'node-gpu' on TensorFlow's CPU and says why, but 'node' then works", async () => {
    const importPackage = workingImport([], false);
    const error = (await loadNodeBackend('node-gpu', { importPackage, probe: built }).catch((e: unknown) => e)) as NodeBackendUnavailableError;
    expect(error.diagnosis.cause).toBe('no-gpu-visible');
    const info = await loadNodeBackend('node', { importPackage, probe: built });
    expect(info.packageName).toBe('@tensorflow/tfjs-node-gpu');
    expect(info.usingGpu).toBe(false);
  });

  it('imports a package once, even when asked again', async () => {
    const imported: TfjsNodePackage[] = [];
    await loadNodeBackend('node', { importPackage: workingImport(imported), probe: built });
    await loadNodeBackend('node', { importPackage: workingImport(imported), probe: built });
    expect(imported).toEqual(['@tensorflow/tfjs-node']);
  });

  it("reports the GPU package's own install problem even after tfjs-node took the process", async () => {
    const cpuOnlyBuilt = fakeInstallProbe({
      packages: { '@tensorflow/tfjs-node-gpu': GPU_DIR, '@tensorflow/tfjs-node': CPU_DIR },
      files: [`${CPU_DIR}/lib/napi-v8/tfjs_binding.node`, `${CPU_DIR}/deps/lib/libtensorflow.so.2`, `${GPU_DIR}/package.json`],
    });
    await loadNodeBackend('node', { importPackage: workingImport([]), probe: cpuOnlyBuilt });
    const error = (await loadNodeBackend('node-gpu', { importPackage: workingImport([]), probe: cpuOnlyBuilt }).catch((e: unknown) => e)) as NodeBackendUnavailableError;
    expect(error.diagnosis.cause).toBe('install-script-not-run');
  });

  it('will not load a second TensorFlow package into the process', async () => {
    await loadNodeBackend('node', { importPackage: workingImport([]), probe: built });
    const error = (await loadNodeBackend('node-gpu', { importPackage: workingImport([]), probe: built }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(NodeBackendUnavailableError);
    expect(error.message).toContain("@tensorflow/tfjs-node already provides the 'tensorflow' backend");
  });
});
