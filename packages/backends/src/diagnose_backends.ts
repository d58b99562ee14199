import { findBackendAlias, setBackend } from '@gnnjs/core';
import { activeBackend, restoreBackend } from './active_backend.js';
import type { BackendDiagnosis, BackendProbe, BackendRow, ProbeOptions } from './backend_row.js';
import { firstLine } from './import_package.js';
import { probeTable } from './probe_backends.js';

/**
 * The doctor: probes every row of `table`, then asks core's
 * `setBackend('auto')` which one it takes and explains why it passed over
 * each faster one. The caller's backend is active again afterwards (when
 * none was, auto's choice stays active).
 *
 * @example
 * ```ts
 * const { backends, auto, autoReason } = await diagnoseTable(BACKEND_TABLE);
 * ```
 */
export async function diagnoseTable(table: readonly BackendRow[], options: ProbeOptions = {}): Promise<BackendDiagnosis> {
  const previous = activeBackend();
  const backends = await probeTable(table, options);
  try {
    const auto = await setBackend('auto');
    return { backends, auto, autoReason: await explainAuto(table, auto, backends) };
  } catch (error) {
    return { backends, auto: null, autoReason: firstLine(error) };
  } finally {
    await restoreBackend(previous);
  }
}

/** Why `'auto'` passed over every faster backend than the one it took. */
async function explainAuto(table: readonly BackendRow[], chosen: string, probes: readonly BackendProbe[]): Promise<string> {
  const passedOver: string[] = [];
  for (const row of table) {
    if (row.name === chosen) break;
    const probe = probes.find((p) => p.backend === row.name);
    if (probe === undefined) continue; // not probed
    if (!probe.available) passedOver.push(`${row.name} does not initialise here`);
    else if (!(await isPreferred(row.name))) {
      passedOver.push(`${row.name} runs on a software adapter, slower than the CPU backends, so auto never takes it (pick it by name)`);
    } else passedOver.push(`${row.name} was passed over`);
  }
  const rank = `auto takes the fastest backend that initialises (${table.map((row) => row.name).join(' > ')})`;
  return passedOver.length === 0 ? `${rank}: ${chosen} is the fastest here` : `${rank}: ${passedOver.join('; ')}`;
}

/** False for a fallback its package does not recommend (core's `isPreferred`, e.g. a software WebGPU adapter). */
async function isPreferred(name: string): Promise<boolean> {
  const check = findBackendAlias(name)?.isPreferred;
  try {
    return check === undefined || (await check());
  } catch {
    return false;
  }
}
