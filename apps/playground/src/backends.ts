/**
 * The backends a browser can run: registers webgpu (when the browser has
 * `navigator.gpu`), wasm and cpu, probes each, and explains what
 * `setBackend('auto')` chose.
 */
import '@gnnjs/backend-cpu';
import { setWasmPaths } from '@gnnjs/backend-wasm';
import '@gnnjs/backend-webgpu';
import { describeWebGPUAdapter, isSoftwareAdapter } from '@gnnjs/backend-webgpu';
import { availableBackends, backendAliases, setBackend, type BackendName } from '@gnnjs/core';

/** The backends a browser can have, fastest first. */
export const BROWSER_BACKENDS = ['webgpu', 'wasm', 'cpu'] as const satisfies readonly BackendName[];
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

// tfjs-backend-wasm fetches its binaries from here (the Vite build copies them next to the page).
setWasmPaths(new URL('tfjs-wasm/', document.baseURI).href);

/** What the page found out about one backend. */
export interface BackendProbe {
  name: BrowserBackend;
  /** It initialised here. */
  works: boolean;
  /** Why not, or a note (e.g. the WebGPU adapter). */
  detail: string;
}

/** The probes, and the backend `'auto'` chose with the reason. */
export interface BackendReport {
  probes: BackendProbe[];
  auto: string;
  autoReason: string;
}

/**
 * Initialises each backend once to see which work, then lets core's `'auto'`
 * choose (leaving that backend active).
 */
export async function probeBackends(): Promise<BackendReport> {
  const registered = availableBackends();
  const adapter = 'gpu' in navigator ? await describeWebGPUAdapter().catch(() => undefined) : undefined;
  const probes: BackendProbe[] = [];
  for (const name of BROWSER_BACKENDS) {
    if (!registered.includes(name)) {
      probes.push({ name, works: false, detail: name === 'webgpu' ? 'this browser has no navigator.gpu (WebGPU off or unsupported)' : 'not registered' });
      continue;
    }
    if (name === 'webgpu' && adapter === undefined) {
      // core's message would suggest installing the package, which the page has.
      probes.push({ name, works: false, detail: 'navigator.gpu.requestAdapter() gave no adapter (WebGPU switched off, or no usable GPU)' });
      continue;
    }
    try {
      await setBackend(name);
      const note = name === 'webgpu' && adapter !== undefined ? `adapter: ${adapter.description || adapter.vendor || 'unnamed'}${isSoftwareAdapter(adapter) ? ' (software)' : ''}` : 'initialises';
      probes.push({ name, works: true, detail: note });
    } catch (error) {
      probes.push({ name, works: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  const auto = await setBackend('auto');
  return { probes, auto, autoReason: explainAuto(auto, probes, adapter !== undefined && isSoftwareAdapter(adapter)) };
}

/** Why `'auto'` passed over every faster backend than the one it took. */
function explainAuto(chosen: string, probes: BackendProbe[], softwareAdapter: boolean): string {
  const skipped: string[] = [];
  for (const alias of backendAliases()) {
    if (alias.name === chosen) break;
    const probe = probes.find((p) => p.name === alias.name);
    if (probe === undefined) continue; // node-gpu, node: Node.js only
    if (!probe.works) skipped.push(`${alias.name} does not initialise here`);
    else if (alias.name === 'webgpu' && softwareAdapter) skipped.push('webgpu runs on a software adapter, slower than the CPU backends, so auto never takes it (pick it by name)');
    else skipped.push(`${alias.name} was passed over`);
  }
  const rank = 'auto takes the fastest backend that initialises (webgpu > wasm > cpu)';
  return skipped.length === 0 ? `${rank}: ${chosen} is the fastest here` : `${rank}: ${skipped.join('; ')}`;
}
