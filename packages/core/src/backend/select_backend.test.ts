import '@tensorflow/tfjs-backend-cpu';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError } from '../errors.js';
import type { BackendName } from './backend_facts.js';
import { backendAliases, registerBackendAlias } from './backend_registry.js';
import { availableBackends, getBackend, setBackend } from './select_backend.js';

// A backend whose factory throws, as a WebGPU backend without an adapter does.
tf.registerBackend('gnnjs-test-failing', () => {
  throw new Error('no adapter found');
});
// A working backend that calls itself a fallback (a software adapter).
tf.registerBackend('gnnjs-test-software', () => new MathBackendCPU());

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(async () => {
  registerBackendAlias('cpu', 'cpu', { isAvailable: () => true });
  await tf.setBackend('cpu');
});

describe('setBackend', () => {
  it('activates a registered backend by name and reports it', async () => {
    await expect(setBackend('cpu')).resolves.toBe('cpu');
    expect(getBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('names the package to install for a known but unregistered backend', async () => {
    const error = await setBackend('wasm').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).backend).toBe('wasm');
    expect((error as Error).message).toContain('pnpm add @gnnjs/backend-wasm');
    expect((error as Error).message).toContain("import '@gnnjs/backend-wasm'");
    expect((error as Error).message).toContain('not registered');
  });

  it('says where a backend runs when it cannot run here', async () => {
    const node = globalThis.process;
    vi.stubGlobal('process', undefined); // as in a browser
    const pending = setBackend('node').catch((e: unknown) => e);
    vi.stubGlobal('process', node);
    const error = await pending;
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toBe("backend 'node' is not available: it runs in Node.js only. Here pick one of webgpu, wasm, cpu, or 'auto'.");
  });

  it('rejects an unknown name, listing the known ones', async () => {
    const error = await setBackend('quantum' as BackendName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/unknown backend name.*webgpu, node-gpu, node, wasm, cpu/);
    expect((error as BackendUnavailableError).reason).toBe('unknown backend name');
  });

  it('reports why a registered backend fails and keeps the previous one active', async () => {
    registerBackendAlias('test-failing', 'gnnjs-test-failing', { priority: 1000, packageName: '@gnnjs/backend-test' });
    const error = await setBackend('test-failing' as BackendName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toContain('no adapter found');
    // The package is imported: reinstalling would not help, so no install hint.
    expect((error as Error).message).not.toContain('pnpm add');
    expect((error as Error).message).toContain('@gnnjs/backend-test is imported');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.sum(tf.tensor1d([1, 2])).arraySync()).toBe(3);
  });

  it("gives an imported package's reason for not registering its backend, not 'install it' (issue 19)", async () => {
    // As @gnnjs/backend-webgpu does after setupNodeWebGPU() found no adapter: the tfjs backend is not registered.
    registerBackendAlias('webgpu', 'webgpu', { notRegisteredReason: () => 'Dawn found no GPU adapter: install a GPU driver with Vulkan' });
    const error = await setBackend('webgpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/^backend 'webgpu' is not available: Dawn found no GPU adapter: install a GPU driver with Vulkan\. It needs a GPU with a WebGPU driver/);
    expect((error as Error).message).not.toMatch(/not imported|pnpm add|not registered/);
    registerBackendAlias('webgpu', 'webgpu', { notRegisteredReason: () => undefined });
    await expect(setBackend('webgpu')).rejects.toThrow(/not registered \(its package is not imported\)/);
  });

  it('refuses a backend whose package reports it unavailable', async () => {
    registerBackendAlias('cpu', 'cpu', { isAvailable: () => false });
    await expect(setBackend('cpu')).rejects.toThrow(/cannot run on this machine/);
    await expect(setBackend('cpu')).rejects.not.toThrow(/pnpm add/);
  });

  it("passes on a package's own diagnosis when its availability check throws one", async () => {
    const diagnosis = new BackendUnavailableError('cpu', 'libtensorflow.so.2 is missing', 'Run its install script.');
    registerBackendAlias('cpu', 'cpu', {
      isAvailable: () => {
        throw diagnosis;
      },
    });
    await expect(setBackend('cpu')).rejects.toBe(diagnosis);
  });
});

describe("setBackend('auto')", () => {
  it('skips failing backends and takes the best one that initialises', async () => {
    registerBackendAlias('test-failing', 'gnnjs-test-failing', { priority: 1000 });
    await expect(setBackend('auto')).resolves.toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('never takes a software fallback, which stays selectable by name', async () => {
    registerBackendAlias('test-software', 'gnnjs-test-software', { priority: 900, isPreferred: () => false });
    await expect(setBackend('auto')).resolves.toBe('cpu');
    registerBackendAlias('cpu', 'cpu', { isAvailable: () => false });
    await expect(setBackend('auto')).rejects.toThrow(/test-software: not preferred/);
    await expect(setBackend('test-software' as BackendName)).resolves.toBe('test-software');
    expect(tf.getBackend()).toBe('gnnjs-test-software');
    expect(getBackend()).toBe('test-software');
  });

  it('explains when nothing initialises', async () => {
    registerBackendAlias('cpu', 'cpu', { isAvailable: () => false });
    registerBackendAlias('test-software', 'gnnjs-test-software', { isAvailable: () => false });
    const error = await setBackend('auto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/test-failing: initialisation failed: no adapter found/);
    expect((error as Error).message).toContain('@gnnjs/backend-cpu');
    registerBackendAlias('test-software', 'gnnjs-test-software', { isAvailable: () => true });
  });
});

describe('availableBackends / the alias table', () => {
  it('lists registered backends best first', () => {
    const names = availableBackends();
    expect(names).toContain('cpu');
    expect(names).not.toContain('wasm');
    const order = backendAliases().map((a) => a.name);
    expect(order.indexOf('webgpu')).toBeLessThan(order.indexOf('node-gpu'));
    expect(order.indexOf('node-gpu')).toBeLessThan(order.indexOf('node'));
    expect(order.indexOf('node')).toBeLessThan(order.indexOf('wasm'));
    expect(order.indexOf('wasm')).toBeLessThan(order.indexOf('cpu'));
  });

  it("maps tfjs's 'tensorflow' to node-gpu and node", () => {
    const tensorflow = backendAliases().filter((a) => a.tfjsName === 'tensorflow').map((a) => a.name);
    expect(tensorflow).toEqual(['node-gpu', 'node']);
  });
});
