import path from 'node:path';
import { setBackend } from '@gnnjs/core';
import { loadFixtureDir, runFixture, type NamedFixture } from '@gnnjs/layers/parity';
import { BACKEND_NAMES, type BackendName } from '@gnnjs/backends';
import { parityBackends } from './backends.js';
import { formatTable, rowPasses, type ParityRow } from './report.js';

/** What to run: fixture folders, optionally a subset of backends, a tolerance. */
export interface ParityOptions {
  /** One folder of fixtures (same as `dirs: [dir]`). */
  dir?: string;
  /** Folders of fixtures, any mix of layers; with more than one, rows are named `folder/fixture`. */
  dirs?: readonly string[];
  backends?: readonly string[];
  tolerance: number;
  /** Where progress and the table go (default console.log). */
  log?: (line: string) => void;
}

/** Every fixture of every folder; a folder that cannot be listed becomes one unreadable entry. */
async function loadAll(dirs: readonly string[]): Promise<NamedFixture[]> {
  const prefix = dirs.length > 1;
  const lists = await Promise.all(
    dirs.map(async (dir): Promise<NamedFixture[]> => {
      try {
        const fixtures = await loadFixtureDir(dir);
        return prefix ? fixtures.map((f) => ({ ...f, name: `${path.basename(dir)}/${f.name}` })) : fixtures;
      } catch (error) {
        return [{ name: path.basename(dir), file: dir, error: `cannot read folder ${dir}: ${(error as Error).message}` }];
      }
    }),
  );
  return lists.flat();
}

/**
 * Runs every fixture of the folders on every available backend; exit code 0
 * iff all rows pass. A fixture that cannot be read, or whose layer has no
 * builder, is a failing row with the reason, never a skip.
 */
export async function runParity({ dir, dirs, backends, tolerance, log = console.log }: ParityOptions): Promise<{ rows: ParityRow[]; exitCode: number }> {
  const folders = dirs ?? (dir === undefined ? [] : [dir]);
  const fixtures = await loadAll(folders);
  if (fixtures.length === 0) {
    log(`no fixtures (*.json) in ${folders.join(', ') || '(no folder given)'}`);
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
    for (const { name, fixture, error } of fixtures) {
      if (fixture === undefined) {
        rows.push({ fixture: name, backend: probe.backend, result: null, error });
        continue;
      }
      try {
        rows.push({ fixture: name, backend: probe.backend, result: await runFixture(fixture) });
      } catch (caught) {
        rows.push({ fixture: name, backend: probe.backend, result: null, error: caught instanceof Error ? caught.message : String(caught) });
      }
    }
  }
  log(`PyG parity: ${fixtures.length} fixtures from ${folders.join(', ')}, tolerance ${tolerance}\n`);
  log(formatTable(rows, tolerance));
  const failed = rows.filter((r) => !rowPasses(r, tolerance)).length;
  if (rows.length === 0) log('\nno backend available');
  log(`\n${rows.length - failed}/${rows.length} passed`);
  return { rows, exitCode: failed === 0 && rows.length > 0 ? 0 : 1 };
}
