import type { BackendProbe, BackendRow, ProbeOptions } from './backend_row.js';
import { activeBackend, restoreBackend } from './active_backend.js';

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Probes the rows of `table` (those in `options.backends`, when given) one at
 * a time, fastest first, each bounded by `options.timeoutMs`, then makes the
 * caller's backend active again. Packages that loaded stay loaded.
 *
 * @example
 * ```ts
 * const probes = await probeTable(BACKEND_TABLE, { backends: ['wasm', 'cpu'] });
 * ```
 */
export async function probeTable(table: readonly BackendRow[], options: ProbeOptions = {}): Promise<BackendProbe[]> {
  const previous = activeBackend();
  const probes: BackendProbe[] = [];
  try {
    for (const row of table) {
      if (options.backends !== undefined && !options.backends.includes(row.name)) continue;
      probes.push(await withTimeout(row, row.probe(options), options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    }
  } finally {
    await restoreBackend(previous);
  }
  return probes;
}

function withTimeout(row: BackendRow, probe: Promise<BackendProbe>, ms: number): Promise<BackendProbe> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<BackendProbe>((resolve) => {
    timer = setTimeout(
      () => resolve({ backend: row.name, packageName: row.packageName, available: false, detail: `starting '${row.name}' took longer than ${ms} ms` }),
      ms,
    );
  });
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}
