import type * as Backends from '@gnnjs/backends';
import type { BackendDiagnosis } from '@gnnjs/backends';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { doctorCommand } from './doctor.js';

// The doctor's findings are faked (they depend on the machine: a GPU, Vulkan, a
// tfjs-node install); the command's output of them is what is tested. The real
// table is diagnoseBackends' own test (@gnnjs/backends).
const diagnosis: BackendDiagnosis = {
  backends: [
    { backend: 'webgpu', packageName: '@gnnjs/backend-webgpu', available: false, detail: 'Dawn found no adapter', fix: 'Install a Vulkan driver.' },
    { backend: 'node-gpu', packageName: '@gnnjs/backend-node-gpu', available: false, detail: 'no NVIDIA driver', fix: 'Install the driver.', cause: 'no-gpu-visible' },
    { backend: 'node', packageName: '@gnnjs/backend-node-gpu', available: true, detail: 'TensorFlow on the CPU (@tensorflow/tfjs-node)' },
    { backend: 'wasm', packageName: '@gnnjs/backend-wasm', available: true, detail: 'WebAssembly on the CPU (tfjs-backend-wasm)' },
    { backend: 'cpu', packageName: '@gnnjs/backend-cpu', available: true, detail: 'JavaScript on the CPU (tfjs-backend-cpu)' },
  ],
  auto: 'node',
  autoReason: 'auto takes the fastest backend that initialises (webgpu > node-gpu > node > wasm > cpu): webgpu does not initialise here; node-gpu does not initialise here',
};
vi.mock('@gnnjs/backends', async (importOriginal) => ({
  ...(await importOriginal<typeof Backends>()),
  diagnoseBackends: () => Promise.resolve(diagnosis),
}));

async function output(json: boolean): Promise<string> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await doctorCommand({ json, verbose: false });
  return write.mock.calls.map(([chunk]) => String(chunk)).join('');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('gnnjs doctor', () => {
  it('--json prints the diagnosis as one JSON document', async () => {
    const text = await output(true);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(text)).toEqual(diagnosis);
  });

  it('prints a table, the auto line and the fixes', async () => {
    expect(await output(false)).toBe(
      [
        'backend   status       detail',
        'webgpu    unavailable  Dawn found no adapter',
        'node-gpu  unavailable  no NVIDIA driver',
        'node      ok           TensorFlow on the CPU (@tensorflow/tfjs-node)',
        'wasm      ok           WebAssembly on the CPU (tfjs-backend-wasm)',
        'cpu       ok           JavaScript on the CPU (tfjs-backend-cpu)',
        '',
        `auto → node. Why: ${diagnosis.autoReason}`,
        '',
        'To fix:',
        '  webgpu: Install a Vulkan driver.',
        '  node-gpu: Install the driver.',
        '',
      ].join('\n'),
    );
  });
});
