import { engine, setBackend } from '@tensorflow/tfjs-core';
import { BACKEND_PROBES, type BackendProbe, type ModuleImporter } from './backend_probes.js';
import { DOCTOR_BACKENDS, type BackendReport, type DoctorBackend } from './backend_report.js';

export interface DiagnoseBackendsOptions {
  /**
   * Imports the backend packages. Pass `(s) => import(s)` from an app so they
   * resolve from the app's own dependencies; the default resolves from here.
   */
  readonly importModule?: ModuleImporter;
  /** Only these backends (default: all five). */
  readonly backends?: readonly DoctorBackend[];
  /** Give up on one backend after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Replaces the probes; for tests. */
  readonly probes?: readonly BackendProbe[];
}

const defaultImport: ModuleImporter = (specifier) => import(specifier) as Promise<unknown>;

/**
 * Which GNN.js backends load on this machine, and why the others do not:
 * each backend package is imported and its backend started, one at a time.
 * The active tfjs backend is restored afterwards; packages that were loaded
 * stay registered (tfjs-node's `tensorflow` backend, once imported, outranks
 * `cpu` in tfjs's own automatic choice).
 *
 * @example
 * ```ts
 * for (const r of await diagnoseBackends()) console.log(r.backend, r.available ? 'ok' : r.detail);
 * ```
 */
export async function diagnoseBackends(options: DiagnoseBackendsOptions = {}): Promise<BackendReport[]> {
  const importModule = options.importModule ?? defaultImport;
  const wanted = new Set<DoctorBackend>(options.backends ?? (options.probes ?? BACKEND_PROBES).map((p) => p.backend));
  // `backendName` is unset until some backend has been initialised.
  const previous = engine().backendName as string | undefined;
  const reports: BackendReport[] = [];
  for (const probe of options.probes ?? BACKEND_PROBES) {
    if (!wanted.has(probe.backend)) continue;
    const outcome = await withTimeout(runSafely(probe, importModule), options.timeoutMs ?? 60_000, probe.backend);
    reports.push({ backend: probe.backend, packageName: probe.packageName, ...outcome });
  }
  if (typeof previous === 'string' && previous !== '') await setBackend(previous);
  return reports.sort((a, b) => DOCTOR_BACKENDS.indexOf(a.backend) - DOCTOR_BACKENDS.indexOf(b.backend));
}

async function runSafely(probe: BackendProbe, importModule: ModuleImporter): Promise<Omit<BackendReport, 'backend' | 'packageName'>> {
  try {
    return await probe.run(importModule);
  } catch (error) {
    return { available: false, detail: `probe failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function withTimeout<T extends object>(work: Promise<T>, ms: number, backend: string): Promise<T | { available: false; detail: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<{ available: false; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ available: false, detail: `starting '${backend}' took longer than ${ms} ms` }), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
