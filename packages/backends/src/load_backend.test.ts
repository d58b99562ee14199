import { BackendUnavailableError, getBackend } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importBackendPackage, missingPackage } from './import_package.js';
import { BACKEND_TABLE, loadBackend, useBackend } from './index.js';
import { factsOf } from './loaders/facts_of.js';

// As Node reports a package that is not installed.
vi.mock('@gnnjs/backend-cpu', () => {
  throw Object.assign(new Error("Cannot find package '@gnnjs/backend-cpu' imported from /app/node_modules/@gnnjs/backends/dist/loaders/cpu_wasm.js"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
});

// @gnnjs/backend-cpu is "missing" here: wasm is the backend to come back to.
beforeAll(async () => {
  await useBackend('wasm');
});

afterEach(async () => {
  await tf.setBackend('wasm');
});

describe('a missing optional package', () => {
  it('is a BackendUnavailableError naming the package and the install command', async () => {
    const error = await loadBackend('cpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).backend).toBe('cpu');
    expect((error as Error).message).toBe(
      "backend 'cpu' is not available: its package @gnnjs/backend-cpu is not installed. Install it: `pnpm add @gnnjs/backend-cpu`.",
    );
  });

  it("is read from Node's own error for a package that does not resolve", async () => {
    const absent = '@gnnjs/backend-absent';
    const error = await importBackendPackage({ ...factsOf('wasm'), packageName: absent }, 'node', () => import(absent)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).reason).toBe('its package @gnnjs/backend-absent is not installed');
    expect((error as BackendUnavailableError).hint).toBe('Install it: `pnpm add @gnnjs/backend-wasm`.');
  });

  it("names a dependency that is missing as a load failure of the backend's package", () => {
    expect(missingPackage(new Error("Cannot find package '@tensorflow/tfjs-backend-wasm' imported from /x.js"))).toBe('@tensorflow/tfjs-backend-wasm');
    expect(missingPackage(new Error("Cannot find module 'webgpu/dist/index.js'"))).toBe('webgpu');
    expect(missingPackage(new Error('Failed to resolve import "@gnnjs/backend-wasm" from "src/x.ts"'))).toBe('@gnnjs/backend-wasm');
    expect(missingPackage(new Error('boom'))).toBeUndefined();
  });

  it("leaves useBackend('auto') to the backends that load", async () => {
    const name = await useBackend('auto');
    expect(name).not.toBe('cpu');
    expect(BACKEND_TABLE.map((row) => row.name)).toContain(name);
  });
});

describe('loadBackend and useBackend', () => {
  it('load and activate a backend by name', async () => {
    await tf.setBackend('cpu').catch(() => false);
    await expect(loadBackend('wasm')).resolves.toEqual({ detail: 'WebAssembly on the CPU (tfjs-backend-wasm)' });
    await expect(useBackend('wasm')).resolves.toBe('wasm');
    expect(getBackend()).toBe('wasm');
  });

  it('refuse a name GNN.js does not know, listing the ones it does', async () => {
    await expect(loadBackend('tpu' as 'cpu')).rejects.toThrow(/unknown backend name\. Known backends: webgpu, node-gpu, node, wasm, cpu, or 'auto'/);
  });
});
