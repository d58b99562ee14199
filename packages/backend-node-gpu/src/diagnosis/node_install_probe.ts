/** The real {@link InstallProbe}: this process's file system and module resolution. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import type { InstallProbe } from './install_probe.js';

/** Folders where CUDA's libraries usually live when LD_LIBRARY_PATH does not say. */
const USUAL_LIBRARY_DIRS = [
  '/usr/local/cuda/lib64',
  '/usr/local/cuda-11.2/lib64',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib/x86_64-linux-gnu',
];

/**
 * Probes the machine this process runs on. `resolveFrom` is the file or
 * folder whose `node_modules` resolution applies (default: this module's).
 */
export function nodeInstallProbe(resolveFrom: string = import.meta.url): InstallProbe {
  const require = createRequire(resolveFrom);
  return {
    packageDir(packageName) {
      try {
        return dirname(require.resolve(`${packageName}/package.json`));
      } catch {
        return undefined;
      }
    },
    exists: (path) => existsSync(path),
    listDir(path) {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    },
    readText(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    findSharedLibrary(fileName) {
      const fromEnv = (process.env['LD_LIBRARY_PATH'] ?? '').split(delimiter).filter((dir) => dir !== '');
      return [...fromEnv, ...USUAL_LIBRARY_DIRS].find((dir) => existsSync(join(dir, fileName)));
    },
    nvidiaDriverLoaded: () => existsSync('/proc/driver/nvidia/version'),
    platform: process.platform,
    arch: process.arch,
    napiVersion: Number(process.versions.napi ?? 0),
    nodeVersion: process.version,
  };
}
