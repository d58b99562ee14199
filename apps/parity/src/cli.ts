/**
 * `pnpm parity [dir ...] [--backends cpu,wasm] [--tolerance 1e-5]`: runs every PyG
 * fixture (`*.json` except `index.json`) of the folders given, by default every
 * shared folder (`<repo>/../shared/fixtures/{pyg,pyg-v2,pyg-hetero}`),
 * whatever mix of layers they hold, on every backend available here (`@gnnjs/backends`' table: cpu, wasm, and
 * webgpu / node-gpu / node when they load), prints one row per fixture × backend with the max abs error of
 * output, attention and gradients, and exits 1 if any error exceeds the
 * tolerance, a layer differs from PyG structurally (repr, parameter names),
 * or a fixture cannot be read or has no builder for its layer.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runParity } from './run_parity.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { backends: { type: 'string' }, tolerance: { type: 'string', default: '1e-5' } },
});
/** The shared fixture folders `pnpm parity` runs without arguments. */
const SHARED_FOLDERS = ['pyg', 'pyg-v2', 'pyg-hetero'];
const { exitCode } = await runParity({
  dirs: positionals.length > 0 ? positionals.map((p) => path.resolve(p)) : SHARED_FOLDERS.map((f) => path.resolve(repoRoot, '../shared/fixtures', f)),
  tolerance: Number(values.tolerance),
  ...(values.backends === undefined ? {} : { backends: values.backends.split(',') }),
});
// Exit explicitly: Dawn (webgpu in Node) keeps the event loop alive after its last use.
process.exit(exitCode);
