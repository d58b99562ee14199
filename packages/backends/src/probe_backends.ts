import type { BackendProbe, BackendRow, ProbeOptions } from './backend_row.js';
import { activeBackend, restoreBackend } from './active_backend.js';

/**
 * Probes the rows of `table` (those in `options.backends`, when given) one at
 * a time, fastest first (each load and each start bounded by
 * `options.timeoutMs`), then makes the caller's backend active again.
 * Packages that loaded stay loaded.
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
      probes.push(await row.probe(options));
    }
  } finally {
    await restoreBackend(previous);
  }
  return probes;
}
