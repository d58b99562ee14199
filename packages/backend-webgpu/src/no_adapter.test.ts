/**
 * Issue 19: `setBackend('webgpu')` after `setupNodeWebGPU()` found no adapter
 * said the package was not imported; it must say Dawn found no adapter and how
 * to get one. Run in a child process (Dawn's native driver warnings go to its stderr).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const script = join(packageRoot, 'src', 'test_support', 'scripts', 'no_adapter.ts');

it.runIf(process.platform === 'linux')("setBackend('webgpu') after a setup without an adapter gives Dawn's reason, not 'import the package'", () => {
  const dir = mkdtempSync(join(tmpdir(), 'gnnjs-no-adapter-'));
  try {
    const icd = join(dir, 'missing_driver_icd.json');
    writeFileSync(icd, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: join(dir, 'libvulkan_missing.so'), api_version: '1.3.0' } }));
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@gnnjs/source', script, icd], {
      cwd: packageRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, XDG_RUNTIME_DIR: dir },
    });
    expect(run.status, run.stderr).toBe(0);
    const [setup, webgpu, auto] = run.stdout.trim().split('\n');
    expect(setup).toMatch(/^setup: Dawn found no GPU adapter: install a GPU driver with Vulkan/);
    expect(webgpu).toMatch(
      /^webgpu: BackendUnavailableError: backend 'webgpu' is not available: Dawn found no GPU adapter: install a GPU driver with Vulkan \(Linux\), or for a software GPU .*VK_ICD_FILENAMES=.* It needs a GPU with a WebGPU driver/,
    );
    expect(webgpu).not.toMatch(/not imported|not registered|pnpm add/);
    expect(auto).toBe('auto: cpu');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
