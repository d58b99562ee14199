/**
 * The GNN.js backends the cross-package tests run on, and how each loads in
 * this Node process. Local to e2e until `@gnnjs/backends` (the one table of
 * backends) exists; then its `useBackend()` replaces this file.
 *
 * A backend that cannot load here is skipped with one printed line; on CI
 * (`CI=true`, where `.ci/webgpu-deps.sh` installs Dawn's Vulkan driver) it fails.
 */
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';

export type E2eBackend = 'cpu' | 'wasm' | 'webgpu';

/** Debian's chromium ships SwiftShader's Vulkan ICD here: a software GPU for Dawn. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

async function register(name: E2eBackend): Promise<string | undefined> {
  switch (name) {
    case 'cpu':
      await import('@gnnjs/backend-cpu');
      return undefined;
    case 'wasm':
      await import('@gnnjs/backend-wasm');
      return undefined;
    case 'webgpu': {
      const { setupNodeWebGPU } = await import('@gnnjs/backend-webgpu/node');
      const icd = process.env['VK_ICD_FILENAMES'] ?? (existsSync(SWIFTSHADER_ICD) ? SWIFTSHADER_ICD : undefined);
      const setup = await setupNodeWebGPU(icd === undefined ? {} : { vulkanIcd: icd });
      return setup.available ? undefined : setup.reason;
    }
  }
}

/**
 * Registers `name` and makes it the active tfjs backend. Resolves to
 * `undefined` when it is active, or to why it cannot run here (printed once).
 * Throws on CI, where every backend must load.
 */
export async function useBackend(name: E2eBackend): Promise<string | undefined> {
  let reason: string | undefined;
  try {
    reason = (await register(name)) ?? ((await tf.setBackend(name)) ? undefined : `tf.setBackend('${name}') returned false`);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (reason === undefined) return undefined;
  if (process.env['CI'] === 'true') {
    throw new Error(`[@gnnjs/e2e] backend '${name}' cannot run on CI: ${reason} (.ci/webgpu-deps.sh installs WebGPU's system packages)`);
  }
  console.warn(`[@gnnjs/e2e] SKIPPING '${name}' tests: ${reason}`);
  return reason;
}

/** The backends of `names` that load here, in order (the last one loaded stays active). */
export async function availableBackends(names: readonly E2eBackend[]): Promise<E2eBackend[]> {
  const available: E2eBackend[] = [];
  for (const name of names) if ((await useBackend(name)) === undefined) available.push(name);
  return available;
}
