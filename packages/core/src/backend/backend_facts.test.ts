import { describe, expect, it } from 'vitest';
import { BACKEND_FACTS, backendEnvironments, backendFacts, backendInstallHint, backendUnavailableHere, type BackendName } from './backend_facts.js';
import { backendAliases } from './backend_registry.js';

describe('BACKEND_FACTS', () => {
  it("lists every backend once, in auto's order", () => {
    expect(BACKEND_FACTS.map((b) => b.name)).toEqual(['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'] satisfies BackendName[]);
    const priorities = BACKEND_FACTS.map((b) => b.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it("is core's alias table", () => {
    const aliases = backendAliases().filter((a) => backendFacts(a.name) !== undefined);
    expect(aliases.map(({ name, tfjsName, priority, packageName }) => ({ name, tfjsName, priority, packageName }))).toEqual(
      BACKEND_FACTS.map(({ name, tfjsName, priority, packageName }) => ({ name, tfjsName, priority, packageName })),
    );
  });

  it('says where each backend runs: webgpu, wasm and cpu everywhere, the native ones in Node only', () => {
    expect(Object.fromEntries(BACKEND_FACTS.map((b) => [b.name, backendEnvironments(b)]))).toEqual({
      webgpu: ['browser', 'node'],
      'node-gpu': ['node'],
      node: ['node'],
      wasm: ['browser', 'node'],
      cpu: ['browser', 'node'],
    });
  });

  it('writes one install hint per environment, with what npm cannot install', () => {
    expect(backendInstallHint(backendFacts('wasm')!, 'browser')).toBe('Install it: `pnpm add @gnnjs/backend-wasm`.');
    expect(backendInstallHint(backendFacts('webgpu')!, 'node')).toMatch(/^Install it: `pnpm add @gnnjs\/backend-webgpu webgpu`; it needs a GPU/);
    expect(backendInstallHint(backendFacts('node-gpu')!, 'node')).toContain('@tensorflow/tfjs-node-gpu@4.22.0`; it needs an NVIDIA GPU with CUDA');
    expect(backendInstallHint(backendFacts('node-gpu')!, 'browser')).toBeUndefined();
    expect(backendFacts('tpu')).toBeUndefined();
  });
});

describe('backendUnavailableHere', () => {
  it('refuses an unknown name and a backend made for another environment, and nothing else', () => {
    expect(backendUnavailableHere('tpu', 'node')?.reason).toBe('unknown backend name');
    expect(backendUnavailableHere('node-gpu', 'browser')?.message).toBe(
      "backend 'node-gpu' is not available: it runs in Node.js only. Here pick one of webgpu, wasm, cpu, or 'auto'.",
    );
    for (const b of BACKEND_FACTS) expect(backendUnavailableHere(b.name, 'node')).toBeUndefined();
  });
});
