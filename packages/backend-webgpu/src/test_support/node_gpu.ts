/**
 * Test-only: brings up WebGPU in Node (Dawn on a Vulkan ICD) or explains,
 * in one printed line, what is missing. On CI (`CI=true`) the stack is
 * installed by `.ci/webgpu-deps.sh`, so a missing piece fails instead of skipping.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setupNodeWebGPU, type NodeWebGPUSetup } from '../node.js';

/** Debian's chromium ships SwiftShader's Vulkan ICD here. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let setup: Promise<NodeWebGPUSetup> | undefined;

function vulkanIcd(): string | undefined {
  if (process.env['VK_ICD_FILENAMES'] !== undefined) return process.env['VK_ICD_FILENAMES'];
  return existsSync(SWIFTSHADER_ICD) ? SWIFTSHADER_ICD : undefined;
}

/**
 * Resolves to `undefined` when the `'webgpu'` backend is ready (and active),
 * or to the reason it is not. Throws on CI, where it must work.
 */
export async function nodeWebGPUMissing(): Promise<string | undefined> {
  // Vulkan's window-system probing complains on stderr when this is unset (headless CI).
  process.env['XDG_RUNTIME_DIR'] ??= mkdtempSync(join(tmpdir(), 'gnnjs-xdg-'));
  const icd = vulkanIcd();
  setup ??= setupNodeWebGPU(icd === undefined ? {} : { vulkanIcd: icd });
  const result = await setup;
  if (!result.available) {
    if (process.env['CI'] === 'true') {
      throw new Error(`[@gnnjs/backend-webgpu] WebGPU tests cannot run on CI: ${result.reason} (.ci/webgpu-deps.sh installs it)`);
    }
    console.warn(`[@gnnjs/backend-webgpu] SKIPPING WebGPU tests: ${result.reason}`);
    return result.reason;
  }
  await tf.setBackend('webgpu');
  return undefined;
}
