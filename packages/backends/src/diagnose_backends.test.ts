import { NodeBackendUnavailableError } from '@gnnjs/backend-node-gpu';
import { getBackend, registerBackendAlias } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendLoader } from './backend_row.js';
import { diagnoseTable } from './diagnose_backends.js';
import { formatBackendDiagnosis } from './format_diagnosis.js';
import { importBackendPackage } from './import_package.js';
import { useBackend } from './index.js';
import { cpuLoader, wasmLoader } from './loaders/cpu_wasm.js';
import { factsOf } from './loaders/facts_of.js';
import { failedProbe, makeTable } from './make_table.js';

const boom: BackendLoader = () => Promise.reject(new Error('boom'));
const hangs: BackendLoader = () => new Promise(() => {});
const missing: BackendLoader = async () => {
  const absent = '@gnnjs/backend-absent';
  await importBackendPackage({ ...factsOf('node'), packageName: absent }, 'node', () => import(absent));
  return { detail: 'unreachable' };
};
// Nothing in this file loads Dawn or TensorFlow's binding, so what auto sees is the same on every machine.
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
        { backend: 'webgpu', packageName: '@gnnjs/backend-webgpu', available: false, detail: "starting 'webgpu' took longer than 500 ms" },
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

  it("keeps the native backend's diagnosed cause", () => {
    const error = new NodeBackendUnavailableError('node-gpu', [
      { cause: 'cuda-missing', packageName: '@tensorflow/tfjs-node-gpu', reason: 'libcudart.so.11.0 is not on the library path', fix: 'Install CUDA 11.2.' },
    ]);
    expect(failedProbe({ name: 'node-gpu', packageName: '@gnnjs/backend-node-gpu' }, error)).toEqual({
      backend: 'node-gpu',
      packageName: '@gnnjs/backend-node-gpu',
      available: false,
      detail: 'libcudart.so.11.0 is not on the library path',
      fix: 'Install CUDA 11.2.',
      cause: 'cuda-missing',
    });
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
