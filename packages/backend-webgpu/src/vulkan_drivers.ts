/**
 * Whether Linux has a Vulkan driver for Dawn, found without starting Vulkan.
 *
 * Dawn runs on Vulkan on Linux. Asking it for an adapter where no driver is
 * installed makes Vulkan's loader and Dawn print `vkCreateInstance: Found no
 * drivers!` and a stack line from Dawn's build machine to stderr (native
 * code: nothing in JavaScript can hold it back). So the driver manifests
 * (ICD files) are looked for first, where the loader looks for them:
 * `VK_DRIVER_FILES`/`VK_ICD_FILENAMES` when set (which replace the search),
 * plus `VK_ADD_DRIVER_FILES`, else the `vulkan/icd.d` folders of the XDG
 * config and data directories, `/etc` and `/usr/local/etc`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function pathList(value: string | undefined): string[] {
  return (value ?? '').split(':').filter((p) => p.length > 0);
}

/** The `.json` manifests in a folder, or the path itself when it is a file. */
function manifestsAt(path: string): string[] {
  try {
    if (statSync(path).isFile()) return [path];
    return readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(path, name));
  } catch {
    return [];
  }
}

function searchFolders(env: NodeJS.ProcessEnv): string[] {
  const home = env['HOME'] ?? homedir();
  const configHome = env['XDG_CONFIG_HOME'] ?? join(home, '.config');
  const configDirs = pathList(env['XDG_CONFIG_DIRS'] ?? '/etc/xdg');
  const dataHome = env['XDG_DATA_HOME'] ?? join(home, '.local/share');
  const dataDirs = pathList(env['XDG_DATA_DIRS'] ?? '/usr/local/share:/usr/share');
  return [configHome, ...configDirs, '/etc', '/usr/local/etc', dataHome, ...dataDirs].map((dir) => join(dir, 'vulkan', 'icd.d'));
}

/**
 * The Vulkan driver manifests the loader would find (Linux), e.g.
 * `['/usr/share/vulkan/icd.d/nvidia_icd.json']`; empty when there is none.
 *
 * @example
 * ```ts
 * if (vulkanDriverManifests().length === 0) console.log('no Vulkan driver: WebGPU is unavailable');
 * ```
 */
export function vulkanDriverManifests(env: NodeJS.ProcessEnv = process.env): string[] {
  const explicit = env['VK_DRIVER_FILES'] ?? env['VK_ICD_FILENAMES'];
  const roots = explicit !== undefined ? pathList(explicit) : searchFolders(env);
  const found = [...roots, ...pathList(env['VK_ADD_DRIVER_FILES'])].flatMap(manifestsAt);
  return [...new Set(found)].filter((file) => existsSync(file));
}
