/**
 * `pnpm parity [dir] [--backends cpu,wasm] [--tolerance 1e-5]`: runs every PyG
 * fixture (`*.json` except `index.json`, default `<repo>/../shared/fixtures/pyg`)
 * on every backend available here, prints one row per fixture × backend with
 * the max abs error of output, attention and gradients, and exits 1 if any
 * error exceeds the tolerance or a layer differs from PyG structurally.
 */
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadFixtureDir, runFixture } from '@gnnjs/layers/parity';
import { probeBackends } from './backends.js';
import { formatTable, rowPasses, type ParityRow } from './report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { backends: { type: 'string' }, tolerance: { type: 'string', default: '1e-5' } },
  });
  const dir = path.resolve(positionals[0] ?? path.resolve(repoRoot, '../shared/fixtures/pyg'));
  const tolerance = Number(values.tolerance);
  const fixtures = await loadFixtureDir(dir);
  if (fixtures.length === 0) {
    console.error(`no fixtures (*.json) in ${dir}`);
    return 1;
  }
  const probes = await probeBackends(values.backends?.split(','));
  for (const p of probes) if (!p.available) console.log(`skipping backend ${p.name}: ${p.reason}`);
  const rows: ParityRow[] = [];
  for (const probe of probes.filter((p) => p.available)) {
    await tf.setBackend(probe.name);
    for (const { name, fixture } of fixtures) {
      try {
        rows.push({ fixture: name, backend: probe.name, result: runFixture(fixture) });
      } catch (error) {
        rows.push({ fixture: name, backend: probe.name, result: null, error: String(error) });
      }
    }
  }
  console.log(`PyG parity: ${fixtures.length} fixtures from ${dir}, tolerance ${tolerance}\n`);
  console.log(formatTable(rows, tolerance));
  const failed = rows.filter((r) => !rowPasses(r, tolerance)).length;
  if (rows.length === 0) console.log('\nno backend available');
  console.log(`\n${rows.length - failed}/${rows.length} passed`);
  return failed === 0 && rows.length > 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
