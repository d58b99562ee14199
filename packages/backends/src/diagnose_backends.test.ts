import { getBackend, registerBackendAlias } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendLoader } from './backend_row.js';
import { diagnoseTable } from './diagnose_backends.js';
import { formatBackendDiagnosis } from './format_diagnosis.js';
import { importBackendPackage } from './import_package.js';
import { useBackend } from './index.js';
import { cpuLoader, wasmLoader } from './loaders/cpu_wasm.js';
import { factsOf } from './loaders/facts_of.js';
import { makeTable } from './make_table.js';
import { probeTable } from './probe_backends.js';

const boom: BackendLoader = () => Promise.reject(new Error('boom'));
const hangs: BackendLoader = () => new Promise(() => {});
const missing: BackendLoader = async () => {
  const absent = '@gnnjs/backend-absent';
  await importBackendPackage({ ...factsOf('node'), packageName: absent }, 'node', () => import(absent));
  return { detail: 'unreachable' };
};
// Nothing in this file loads Dawn or TensorFlow's binding (not even @gnnjs/backend-node-gpu),
// so what auto sees is the same on every machine.
const fakeTable = makeTable('node', { webgpu: hangs, 'node-gpu': boom, node: missing, wasm: wasmLoader('node'), cpu: cpuLoader('node') });

describe('diagnoseTable', () => {
  beforeAll(async () => {
    // Start wasm once, so that its probe fits well within the 500 ms the hanging one gets.
    await useBackend('wasm');
  });

  it('turns a hanging, a throwing and a missing backend into findings, and auto takes the fastest that works', async () => {
    await useBackend('cpu');
    const diagnosis = await diagnoseTable(fakeTable, { timeoutMs: 500 });
    expect(diagnosis).toEqual({
      backends: [
        {
          backend: 'webgpu',
          packageName: '@gnnjs/backend-webgpu',
          available: false,
          detail: 'loading it took longer than 500 ms',
          fix: expect.stringMatching(/^It needs a GPU with a WebGPU driver/) as unknown,
        },
        {
          backend: 'node-gpu',
          packageName: '@gnnjs/backend-node-gpu',
          available: false,
          detail: 'loading it failed: boom',
          fix: expect.stringMatching(/^Install it: `pnpm add @gnnjs\/backend-node-gpu @tensorflow\/tfjs-node-gpu@4\.22\.0`; it needs an NVIDIA GPU/) as unknown,
        },
        {
          backend: 'node',
          packageName: '@gnnjs/backend-node-gpu',
          available: false,
          detail: 'its package @gnnjs/backend-absent is not installed',
          fix: 'Install it: `pnpm add @gnnjs/backend-node-gpu @tensorflow/tfjs-node@4.22.0`.',
        },
        { backend: 'wasm', packageName: '@gnnjs/backend-wasm', available: true, detail: 'WebAssembly on the CPU (tfjs-backend-wasm)' },
        { backend: 'cpu', packageName: '@gnnjs/backend-cpu', available: true, detail: 'JavaScript on the CPU (tfjs-backend-cpu)' },
      ],
      auto: 'wasm',
      autoReason:
        'auto takes the fastest backend that initialises (webgpu > node-gpu > node > wasm > cpu): ' +
        'webgpu does not initialise here; node-gpu does not initialise here; node does not initialise here',
    });
    expect(getBackend()).toBe('cpu');
  });

  it('probes only the backends asked for, and says when auto passes over a software fallback', async () => {
    registerBackendAlias('wasm', 'wasm', { isPreferred: () => false });
    try {
      const diagnosis = await diagnoseTable(fakeTable, { backends: ['wasm', 'cpu'] });
      expect(diagnosis.backends.map((r) => r.backend)).toEqual(['wasm', 'cpu']);
      expect(diagnosis.auto).toBe('cpu');
      expect(diagnosis.autoReason).toMatch(/: wasm runs on a software adapter, slower than the CPU backends, so auto never takes it \(pick it by name\)$/);
    } finally {
      registerBackendAlias('wasm', 'wasm', { isPreferred: () => true });
    }
  });

  it('gives up on a backend that never finishes starting, and the caller keeps its backend', async () => {
    tf.registerBackend('gnnjs-test-hangs', () => new Promise<never>(() => {}));
    registerBackendAlias('node', 'gnnjs-test-hangs');
    try {
      await useBackend('cpu');
      const table = makeTable('node', { webgpu: hangs, 'node-gpu': boom, node: async () => ({ detail: 'loaded' }), wasm: boom, cpu: boom });
      expect(await probeTable(table, { backends: ['node'], timeoutMs: 200 })).toEqual([
        { backend: 'node', packageName: '@gnnjs/backend-node-gpu', available: false, detail: 'starting it took longer than 200 ms', fix: "@gnnjs/backend-node-gpu's README lists what it needs." },
      ]);
      expect(getBackend()).toBe('cpu');
    } finally {
      registerBackendAlias('node', 'tensorflow');
    }
  });
});

describe('formatBackendDiagnosis', () => {
  it("prints an aligned table, auto's choice and the fixes", () => {
    const text = formatBackendDiagnosis({
      backends: [
        { backend: 'node-gpu', packageName: '@gnnjs/backend-node-gpu', available: false, detail: 'no binding', fix: 'allow the build' },
        { backend: 'cpu', packageName: '@gnnjs/backend-cpu', available: true, detail: 'JavaScript on the CPU' },
      ],
      auto: 'cpu',
      autoReason: 'node-gpu does not initialise here',
    });
    expect(text).toBe(
      [
        'backend   status       detail',
        'node-gpu  unavailable  no binding',
        'cpu       ok           JavaScript on the CPU',
        '',
        'auto → cpu. Why: node-gpu does not initialise here',
        '',
        'To fix:',
        '  node-gpu: allow the build',
        '',
      ].join('\n'),
    );
  });
});
