/**
 * `gnnjs … --quiet` prints its result and nothing else: no tfjs banner, no
 * Vulkan/Dawn driver warnings while `auto` probes WebGPU, whatever driver the
 * machine has (none, a missing one, SwiftShader), and the process ends by
 * itself with the right exit code (the CLI has no `process.exit`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = join(appRoot, 'dist', 'cli.js');
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** A hang is killed here (a run takes a few seconds). */
const BOUND_MS = 90_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function gnnjs(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const prefix = existsSync(builtCli) ? [builtCli] : ['--import', 'tsx', '--conditions=@gnnjs/source', join(appRoot, 'src', 'cli.ts')];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...prefix, ...args], { cwd: appRoot, env });
    const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

const withoutVulkanVars = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['VK_ICD_FILENAMES'];
  delete env['VK_DRIVER_FILES'];
  return env;
};

const cases: Array<[string, string, NodeJS.ProcessEnv]> = [
  ["this machine's Vulkan drivers", 'auto', withoutVulkanVars()],
  ['a Vulkan driver file that does not exist', 'auto', { ...withoutVulkanVars(), VK_ICD_FILENAMES: '/nonexistent/vk_icd.json' }],
];
if (existsSync(SWIFTSHADER_ICD)) {
  cases.push(['SwiftShader (auto skips it)', 'auto', { ...withoutVulkanVars(), VK_ICD_FILENAMES: SWIFTSHADER_ICD }]);
  cases.push(['SwiftShader', 'webgpu', { ...withoutVulkanVars(), VK_ICD_FILENAMES: SWIFTSHADER_ICD }]);
}

describe('gnnjs train --quiet', { timeout: BOUND_MS + 10_000 }, () => {
  it.each(cases)('with %s, --backend %s: prints the result only and exits by itself', async (_, backend, env) => {
    const run = await gnnjs(env, 'train', '--dataset', 'karate', '--epochs', '2', '--quiet', '--backend', backend);
    expect(run.signal, `hung: ${run.stderr}`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^seed\s+train@best/);
    expect(lines.at(-1)).toMatch(/^karate · gat · backend \S+ · 1 run: test accuracy/);
    expect(run.stdout).not.toMatch(/Hi, looks like|Warning|vkCreate|=====/);
  });

  it('keeps the exit code of a failure without forcing an exit', async () => {
    const run = await gnnjs(withoutVulkanVars(), 'evaluate', '--checkpoint', '/nonexistent/checkpoint', '--quiet');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
