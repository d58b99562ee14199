import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { nodeWebGPUMissing, SWIFTSHADER_ICD } from './test_support/node_gpu.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const script = join(packageRoot, 'src', 'test_support', 'scripts', 'use_webgpu.ts');
/** Far above the ~5 s the script needs on a busy two-core machine; a hang is killed here. */
const BOUND_MS = 45_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runScript(...args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@gnnjs/source', script, ...args], {
      cwd: packageRoot,
      env: { ...process.env, VK_ICD_FILENAMES: process.env['VK_ICD_FILENAMES'] ?? SWIFTSHADER_ICD },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const missing = await nodeWebGPUMissing();

describe.skipIf(missing !== undefined)(skipTitle('a Node process that used WebGPU', missing), { timeout: BOUND_MS + 15_000 }, () => {
  it('exits by itself, cleanly, when its work is done', async () => {
    const run = await runScript(process.env['VK_ICD_FILENAMES'] ?? SWIFTSHADER_ICD);
    expect(run.signal, `killed after ${run.ms} ms: the process hung (stderr: ${run.stderr})`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('2,1');
    expect(run.stderr).toBe('');
  });

  it("frees the backend's device when the backend is removed", async () => {
    const run = await runScript(process.env['VK_ICD_FILENAMES'] ?? SWIFTSHADER_ICD, 'remove');
    expect(run.signal, `killed after ${run.ms} ms: the process hung (stderr: ${run.stderr})`).toBeNull();
    expect(run.stdout.trim().split('\n')).toEqual(['2,1', 'device destroyed']);
    expect(run.code, run.stderr).toBe(0);
  });
});
