import { getBackend } from '@gnnjs/core';
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, diagnoseBackends, useBackend } from './index.js';

// The real table on whatever this machine has: only what holds everywhere is asserted.
describe('diagnoseBackends (this machine)', () => {
  it('reports every backend once, fastest first; cpu and wasm load; each failure says why and how to fix it', async () => {
    await useBackend('cpu');
    const { backends, auto, autoReason } = await diagnoseBackends();
    expect(backends.map((r) => r.backend)).toEqual(BACKEND_NAMES);
    expect(backends.map((r) => r.packageName)).toEqual([
      '@gnnjs/backend-webgpu',
      '@gnnjs/backend-node-gpu',
      '@gnnjs/backend-node-gpu',
      '@gnnjs/backend-wasm',
      '@gnnjs/backend-cpu',
    ]);
    expect(backends.slice(-2)).toEqual([
      { backend: 'wasm', packageName: '@gnnjs/backend-wasm', available: true, detail: 'WebAssembly on the CPU (tfjs-backend-wasm)' },
      { backend: 'cpu', packageName: '@gnnjs/backend-cpu', available: true, detail: 'JavaScript on the CPU (tfjs-backend-cpu)' },
    ]);
    for (const r of backends.filter((b) => !b.available)) {
      expect(r.detail, r.backend).not.toBe('');
      expect('fix' in r && r.fix, r.backend).toBeTruthy();
    }
    // wasm always loads here, so auto takes it or a faster backend, and says why it passed over the faster ones.
    const chosen = BACKEND_NAMES.findIndex((name) => name === auto);
    expect(chosen).toBeGreaterThanOrEqual(0);
    expect(chosen).toBeLessThanOrEqual(BACKEND_NAMES.indexOf('wasm'));
    for (const faster of BACKEND_NAMES.slice(0, chosen)) expect(autoReason).toContain(`${faster} `);
    expect(getBackend()).toBe('cpu');
  });
});
