import { BACKEND_FACTS } from '@gnnjs/core';
import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as node from './index.js';

const factsOnly = (rows: readonly node.BackendRow[]) => rows.map(({ load: _load, probe: _probe, ...facts }) => facts);

describe('the Node table', () => {
  it('has every backend once, in auto order: webgpu > node-gpu > node > wasm > cpu', () => {
    expect(node.BACKEND_NAMES).toEqual(['webgpu', 'node-gpu', 'node', 'wasm', 'cpu']);
    const priorities = node.BACKEND_TABLE.map((row) => row.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  it("rows are core's facts plus a loader and a probe", () => {
    expect(factsOnly(node.BACKEND_TABLE)).toEqual(BACKEND_FACTS);
    for (const row of node.BACKEND_TABLE) {
      expect(typeof row.load).toBe('function');
      expect(typeof row.probe).toBe('function');
    }
  });
});

describe('the browser entry', () => {
  it('has the backends a browser runs, in the same order', () => {
    expect(browser.BACKEND_NAMES).toEqual(['webgpu', 'wasm', 'cpu']);
  });

  it('agrees with the Node entry on exports and on the facts of every backend both run', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
    const nodeFacts = factsOnly(node.BACKEND_TABLE);
    expect(factsOnly(browser.BACKEND_TABLE)).toEqual(nodeFacts.filter((f) => browser.BACKEND_NAMES.includes(f.name)));
  });

  it('refuses the native backends, saying where they run', async () => {
    await expect(browser.loadBackend('node-gpu')).rejects.toThrow("backend 'node-gpu' is not available: it runs in Node.js only. Here pick one of webgpu, wasm, cpu, or 'auto'.");
  });

  it('explains a browser without WebGPU', async () => {
    // Node 20 has no navigator; Node >= 21 has one without gpu.
    await expect(browser.loadBackend('webgpu')).rejects.toThrow(/webgpu' is not available: this browser has no navigator\.gpu/);
  });
});
