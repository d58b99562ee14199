import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendProbe } from './backend_probes.js';
import { diagnoseBackends } from './diagnose_backends.js';
import { formatBackendReports } from './format_reports.js';

describe('diagnoseBackends', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reports every backend, the cpu one loading, and restores the active backend', async () => {
    const reports = await diagnoseBackends({ backends: ['cpu', 'node', 'node-gpu'] });
    expect(reports.map((r) => r.backend)).toEqual(['cpu', 'node', 'node-gpu']);
    expect(reports[0]).toMatchObject({ backend: 'cpu', available: true, packageName: '@gnnjs/backend-cpu' });
    expect(tf.getBackend()).toBe('cpu');
    for (const r of reports.slice(1)) {
      // Here the native binding is absent; elsewhere it may load. Either way the report says which.
      if (!r.available) {
        expect(r.cause).toBeDefined();
        expect(r.fix).toBeDefined();
      }
    }
  });

  it('turns a missing package and a throwing probe into findings', async () => {
    const probes: BackendProbe[] = [
      { backend: 'wasm', packageName: 'x', run: () => Promise.reject(new Error('boom')) },
      { backend: 'webgpu', packageName: 'y', run: () => new Promise(() => {}) },
    ];
    const reports = await diagnoseBackends({ probes, timeoutMs: 50 });
    expect(reports).toEqual([
      { backend: 'wasm', packageName: 'x', available: false, detail: 'probe failed: boom' },
      { backend: 'webgpu', packageName: 'y', available: false, detail: "starting 'webgpu' took longer than 50 ms" },
    ]);
  });

  it('reports a package it cannot import', async () => {
    const reports = await diagnoseBackends({
      backends: ['wasm'],
      importModule: () => Promise.reject(new Error("Cannot find package '@gnnjs/backend-wasm'")),
    });
    expect(reports[0]).toMatchObject({ available: false, fix: 'pnpm add @gnnjs/backend-wasm' });
    expect(reports[0]!.detail).toContain("Cannot find package '@gnnjs/backend-wasm'");
  });
});

describe('formatBackendReports', () => {
  it('prints an aligned table and the fixes', () => {
    const text = formatBackendReports([
      { backend: 'cpu', packageName: '@gnnjs/backend-cpu', available: true, detail: 'JavaScript on the CPU' },
      { backend: 'node-gpu', packageName: '@gnnjs/backend-node-gpu', available: false, detail: 'no binding', fix: 'allow the build' },
    ]);
    expect(text).toBe(
      [
        'backend   status       detail',
        'cpu       ok           JavaScript on the CPU',
        'node-gpu  unavailable  no binding',
        '',
        'To fix:',
        '  node-gpu: allow the build',
        '',
      ].join('\n'),
    );
  });
});
