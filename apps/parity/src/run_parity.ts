import { setBackend } from '@gnnjs/core';
import { loadFixtureDir, runFixture } from '@gnnjs/layers/parity';
import { BACKEND_NAMES, type BackendName } from '@gnnjs/backends';
import { parityBackends } from './backends.js';
import { formatTable, rowPasses, type ParityRow } from './report.js';

/** What to run: a fixture directory, optionally a subset of backends, a tolerance. */
export interface ParityOptions {
  dir: string;
  backends?: readonly string[];
  tolerance: number;
  /** Where progress and the table go (default console.log). */
  log?: (line: string) => void;
}

/** Runs every fixture of `dir` on every available backend; exit code 0 iff all rows pass. */
export async function runParity({ dir, backends, tolerance, log = console.log }: ParityOptions): Promise<{ rows: ParityRow[]; exitCode: number }> {
  const fixtures = await loadFixtureDir(dir);
  if (fixtures.length === 0) {
    log(`no fixtures (*.json) in ${dir}`);
    return { rows: [], exitCode: 1 };
  }
  const unknown = (backends ?? []).filter((b) => !(BACKEND_NAMES as readonly string[]).includes(b));
  if (unknown.length > 0) {
    log(`unknown backend ${unknown.join(', ')} (known: ${BACKEND_NAMES.join(', ')})`);
    return { rows: [], exitCode: 1 };
  }
  const probes = await parityBackends(backends as readonly BackendName[] | undefined);
  for (const p of probes) if (!p.available) log(`skipping backend ${p.backend}: ${p.detail}`);
  const rows: ParityRow[] = [];
  for (const probe of probes.filter((p) => p.available)) {
    await setBackend(probe.backend);
    for (const { name, fixture } of fixtures) {
      try {
        rows.push({ fixture: name, backend: probe.backend, result: await runFixture(fixture) });
      } catch (error) {
        rows.push({ fixture: name, backend: probe.backend, result: null, error: String(error) });
      }
    }
  }
  log(`PyG parity: ${fixtures.length} fixtures from ${dir}, tolerance ${tolerance}\n`);
  log(formatTable(rows, tolerance));
  const failed = rows.filter((r) => !rowPasses(r, tolerance)).length;
  if (rows.length === 0) log('\nno backend available');
  log(`\n${rows.length - failed}/${rows.length} passed`);
  return { rows, exitCode: failed === 0 && rows.length > 0 ? 0 : 1 };
}
