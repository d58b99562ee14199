import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vulkanDriverManifests } from './vulkan_drivers.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** An environment whose every search folder is under an empty temporary home. */
function emptyEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'gnnjs-vk-'));
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CONFIG_DIRS: join(home, 'xdg'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_DATA_DIRS: join(home, 'share'),
  };
}

function manifest(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '{"file_format_version": "1.0.0", "ICD": {"library_path": "libfake.so"}}');
  return file;
}

describe('vulkanDriverManifests', () => {
  it('finds manifests in the XDG data and config folders', () => {
    const env = emptyEnv();
    const data = manifest(join(env['XDG_DATA_DIRS']!, 'vulkan', 'icd.d'), 'nvidia_icd.json');
    const config = manifest(join(env['XDG_CONFIG_HOME']!, 'vulkan', 'icd.d'), 'lvp_icd.json');
    const found = vulkanDriverManifests(env).filter((f) => f.startsWith(env['HOME']!));
    expect(found.sort()).toEqual([config, data].sort());
  });

  it('takes VK_ICD_FILENAMES instead of the search, and VK_ADD_DRIVER_FILES on top', () => {
    const env = emptyEnv();
    manifest(join(env['XDG_DATA_DIRS']!, 'vulkan', 'icd.d'), 'ignored.json');
    const chosen = manifest(join(env['HOME']!, 'icd'), 'swiftshader.json');
    const added = manifest(join(env['HOME']!, 'more'), 'extra.json');
    expect(vulkanDriverManifests({ ...env, VK_ICD_FILENAMES: `${chosen}:/nonexistent.json` })).toEqual([chosen]);
    expect(vulkanDriverManifests({ ...env, VK_ICD_FILENAMES: chosen, VK_ADD_DRIVER_FILES: added })).toEqual([chosen, added]);
  });

  it('is empty when the named manifest does not exist', () => {
    expect(vulkanDriverManifests({ ...emptyEnv(), VK_ICD_FILENAMES: '/nonexistent/icd.json' })).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux')('setupNodeWebGPU without a Vulkan driver', () => {
  const env = { ...process.env, ...emptyEnv(), VK_ICD_FILENAMES: '/nonexistent/icd.json' };

  it('says so, and prints nothing (Dawn is not started)', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@gnnjs/source', join(packageRoot, 'src', 'test_support', 'scripts', 'probe_webgpu.ts')],
      { cwd: packageRoot, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const outcome = JSON.parse(run.stdout) as { available: boolean; reason?: string };
    expect(outcome.available).toBe(false);
    expect(outcome.reason).toMatch(/no Vulkan driver/);
  });
});
