import { afterEach, describe, expect, it, vi } from 'vitest';
import { doctorCommand } from './doctor.js';

async function output(json: boolean): Promise<string> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await doctorCommand({ json, verbose: false });
  return write.mock.calls.map(([chunk]) => String(chunk)).join('');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('gnnjs doctor', () => {
  it('--json prints every backend fastest first, what auto takes and why', async () => {
    const result = JSON.parse(await output(true)) as {
      backends: Array<{ backend: string; packageName: string; available: boolean; detail: string; fix?: string }>;
      auto: string | null;
      autoReason: string;
    };
    expect(result.backends.map((b) => b.backend)).toEqual(['webgpu', 'node-gpu', 'node', 'wasm', 'cpu']);
    expect(result.backends.find((b) => b.backend === 'cpu')).toMatchObject({ available: true, packageName: '@gnnjs/backend-cpu' });
    for (const b of result.backends.filter((r) => !r.available)) expect(b.fix, b.backend).toBeTruthy();
    expect(['webgpu', 'node-gpu', 'node', 'wasm']).toContain(result.auto);
    expect(result.autoReason).toMatch(/^auto takes the fastest backend that initialises/);
  }, 120_000);

  it('prints a table, the auto line and the fixes', async () => {
    const text = await output(false);
    expect(text).toMatch(/^backend +status +detail\nwebgpu +(ok|unavailable) /);
    expect(text).toMatch(/\ncpu +ok +JavaScript on the CPU \(tfjs-backend-cpu\)\n\nauto → \S+\. Why: /);
  }, 120_000);
});
