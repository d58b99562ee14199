/**
 * `@gnnjs/backend-webgpu/node`: WebGPU for Node through Dawn (the optional
 * `webgpu` package, which ships `dawn.node`).
 *
 * tfjs-backend-webgpu registers its backend only if `navigator.gpu` exists
 * when it is first imported, and its kernels use the `GPUBufferUsage`-style
 * globals. So this module installs Dawn's globals and `navigator.gpu` first,
 * checks that an adapter exists, and only then loads the backend (a dynamic
 * import). Where `navigator.gpu` already exists (browsers) it installs
 * nothing and just loads the backend.
 */
import { describeWebGPUAdapter, isSoftwareAdapter, type WebGPUAdapterSummary } from './adapter_info.js';
import { NO_BROWSER_WEBGPU, recordWebGPUSetup } from './backend_alias.js';
import { manageDawnLifetime } from './dawn_lifetime.js';

export interface NodeWebGPUOptions {
  /** Dawn toggles passed to `create()`, e.g. `['backend=vulkan']`. */
  dawnFlags?: readonly string[];
  /**
   * Vulkan ICD manifest to use (sets `VK_ICD_FILENAMES` before Dawn starts),
   * e.g. `/usr/lib/chromium/vk_swiftshader_icd.json` for a software GPU on CI.
   */
  vulkanIcd?: string;
}

/** Outcome of {@link setupNodeWebGPU}: the adapter found, or why WebGPU is unavailable. */
export type NodeWebGPUSetup =
  | { available: true; adapter: WebGPUAdapterSummary; software: boolean }
  | { available: false; reason: string };

interface DawnModule {
  create(flags: string[]): unknown;
  globals: object;
}

const MISSING_BINDING =
  "the optional 'webgpu' package (Dawn for Node, ships dawn.node) is not installed: run `npm install webgpu`";
const MISSING_ADAPTER =
  'Dawn found no GPU adapter: install a GPU driver with Vulkan (Linux), or for a software GPU ' +
  '`apt-get install chromium libvulkan1` and set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json';

const NO_VULKAN_DRIVER =
  'no Vulkan driver is installed (no ICD manifest in /usr/share/vulkan/icd.d, /etc/vulkan/icd.d or VK_ICD_FILENAMES): ' +
  'install the GPU vendor\'s Vulkan driver, or for a software GPU `apt-get install chromium libvulkan1` and set ' +
  'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json';


function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function hasNavigatorGpu(): boolean {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  return nav?.gpu !== undefined;
}

function setNavigatorGpu(gpu: unknown): void {
  const g = globalThis as { navigator?: object };
  if (g.navigator === undefined) {
    // Node 20 has no `navigator`; Node >= 21 has one without `gpu`.
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  }
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
}

async function importDawn(): Promise<DawnModule | undefined> {
  try {
    // A variable specifier keeps bundlers from pulling a native module into browser builds.
    const specifier = 'webgpu';
    return (await import(specifier)) as DawnModule;
  } catch {
    return undefined;
  }
}

/**
 * On Linux Dawn runs on Vulkan, and asking it for an adapter without a Vulkan
 * driver prints native warnings to stderr; so without a driver manifest Dawn
 * is not started at all (unless the flags pick another Dawn backend).
 */
async function lacksVulkanDriver(dawnFlags: readonly string[]): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  const backend = dawnFlags.find((flag) => flag.startsWith('backend='));
  if (backend !== undefined && backend !== 'backend=vulkan') return false;
  const { vulkanDriverManifests } = await import('./vulkan_drivers.js');
  return vulkanDriverManifests().length === 0;
}

/**
 * Vulkan's loader prints "XDG_RUNTIME_DIR is invalid" to stderr (on every
 * `--backend auto` run of a CLI) when the variable is unset, as in containers
 * and CI; a private temporary folder satisfies it.
 */
async function ensureRuntimeDir(): Promise<void> {
  if (process.env['XDG_RUNTIME_DIR'] !== undefined) return;
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  process.env['XDG_RUNTIME_DIR'] = mkdtempSync(join(tmpdir(), 'gnnjs-xdg-'));
}

/**
 * Makes WebGPU available to tfjs in Node and registers the `'webgpu'`
 * backend with the GNN.js kernels. Resolves with `available: false` and a
 * reason (never throws) when the binding or an adapter is missing.
 * Software adapters (SwiftShader, llvmpipe) are accepted and reported as
 * `software: true`; GNN.js's automatic backend choice skips them. On Linux
 * without a Vulkan driver it answers without starting Dawn (which would print
 * driver warnings). The process still exits by itself when its work is done:
 * Dawn's devices are destroyed once nothing else is left to run (see
 * `dawn_lifetime.ts`), and `tf.removeBackend('webgpu')` frees the backend's
 * device at once.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { setupNodeWebGPU } from '@gnnjs/backend-webgpu/node';
 *
 * const setup = await setupNodeWebGPU();
 * if (setup.available) await tf.setBackend('webgpu');
 * else console.warn(`WebGPU unavailable: ${setup.reason}`);
 * ```
 */
export async function setupNodeWebGPU(options: NodeWebGPUOptions = {}): Promise<NodeWebGPUSetup> {
  const setup = await setUp(options);
  // core's setBackend('webgpu') then says why (e.g. Dawn found no adapter), not "import the package".
  recordWebGPUSetup(setup.available ? undefined : setup.reason);
  return setup;
}

async function setUp(options: NodeWebGPUOptions): Promise<NodeWebGPUSetup> {
  if (!hasNavigatorGpu()) {
    if (!isNode()) return { available: false, reason: NO_BROWSER_WEBGPU };
    const dawn = await importDawn();
    if (dawn === undefined) return { available: false, reason: MISSING_BINDING };
    if (options.vulkanIcd !== undefined) process.env['VK_ICD_FILENAMES'] = options.vulkanIcd;
    const flags = [...(options.dawnFlags ?? [])];
    if (await lacksVulkanDriver(flags)) return { available: false, reason: NO_VULKAN_DRIVER };
    await ensureRuntimeDir();
    manageDawnLifetime(dawn.globals);
    Object.assign(globalThis, dawn.globals);
    setNavigatorGpu(dawn.create(flags));
  }
  const adapter = await describeWebGPUAdapter();
  if (adapter === undefined) return { available: false, reason: MISSING_ADAPTER };
  const { ensureWebGPUBackendRegistered } = await import('./base.js');
  ensureWebGPUBackendRegistered();
  return { available: true, adapter, software: isSoftwareAdapter(adapter) };
}
