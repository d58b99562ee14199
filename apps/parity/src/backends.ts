/**
 * The backends `pnpm parity` runs on: `@gnnjs/backends`' table, probed on
 * demand. A backend whose package or hardware is missing is skipped with the
 * reason; in Node, WebGPU runs on SwiftShader where no GPU driver is set.
 */
import { existsSync } from 'node:fs';
import { BACKEND_TABLE, probeBackends, type BackendName, type BackendProbe } from '@gnnjs/backends';

/** Debian's chromium ships SwiftShader's Vulkan ICD here: Dawn's software GPU where no other driver is set. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** `setupNodeWebGPU` options for this machine: the Vulkan ICD the environment names, else SwiftShader if installed. */
export function nodeWebGPUOptions(env: NodeJS.ProcessEnv = process.env, hasFile = existsSync): { vulkanIcd?: string } {
  if (env['VK_ICD_FILENAMES'] !== undefined) return {};
  return hasFile(SWIFTSHADER_ICD) ? { vulkanIcd: SWIFTSHADER_ICD } : {};
}

/** Probes every backend of the table (or `only`), fastest first, each that works once (see {@link skipRepeats}). */
export async function parityBackends(only?: readonly BackendName[]): Promise<BackendProbe[]> {
  return skipRepeats(await probeBackends({ webgpu: nodeWebGPUOptions(), ...(only === undefined ? {} : { backends: only }) }));
}

/**
 * Of several names for one tfjs backend (node-gpu and node are both
 * TensorFlow's), only the first that works runs: the others would repeat its numbers.
 */
export function skipRepeats(probes: readonly BackendProbe[]): BackendProbe[] {
  const ran = new Map<string, BackendName>();
  return probes.map((probe) => {
    if (!probe.available) return probe;
    const tfjsName = BACKEND_TABLE.find((row) => row.name === probe.backend)!.tfjsName;
    const first = ran.get(tfjsName);
    if (first === undefined) {
      ran.set(tfjsName, probe.backend);
      return probe;
    }
    return { ...probe, available: false, detail: `the same tfjs backend ('${tfjsName}') as ${first}, which runs` };
  });
}
