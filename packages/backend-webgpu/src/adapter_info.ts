/**
 * Recognises software (CPU-emulated) WebGPU adapters — SwiftShader, llvmpipe,
 * lavapipe, WARP — which run WebGPU correctly but slower than tfjs's own CPU
 * backend, so automatic backend selection must never pick them.
 */

/** What an adapter says about itself (a plain copy of `GPUAdapterInfo` plus the fallback flag). */
export interface WebGPUAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True when the browser or Dawn flags the adapter as a fallback (software) adapter. */
  isFallbackAdapter: boolean;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|\bwarp\b/i;

/**
 * True for a software rasteriser (by fallback flag or by name).
 *
 * @example
 * ```ts
 * isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: false }); // true
 * ```
 */
export function isSoftwareAdapter(info: WebGPUAdapterSummary): boolean {
  if (info.isFallbackAdapter) return true;
  return [info.vendor, info.architecture, info.device, info.description].some((s) => SOFTWARE_NAMES.test(s));
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<AdapterLike | null>;
}

function navigatorGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu;
}

/**
 * Copies the fields of a `GPUAdapter`'s info (they are prototype getters, invisible to spreads).
 *
 * @example
 * ```ts
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) console.log(JSON.stringify(summarizeAdapter(adapter)));
 * ```
 */
export function summarizeAdapter(adapter: AdapterLike): WebGPUAdapterSummary {
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
}

/**
 * The adapter tfjs-backend-webgpu would get (`'high-performance'`), or
 * `undefined` when this environment has no WebGPU or no adapter.
 *
 * @example
 * ```ts
 * const adapter = await describeWebGPUAdapter();
 * if (adapter && !isSoftwareAdapter(adapter)) await tf.setBackend('webgpu');
 * ```
 */
export async function describeWebGPUAdapter(): Promise<WebGPUAdapterSummary | undefined> {
  const gpu = navigatorGpu();
  if (gpu === undefined) return undefined;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  return adapter === null ? undefined : summarizeAdapter(adapter);
}
