/**
 * `pnpm parity [dir] [--backends cpu,wasm] [--tolerance 1e-5]`: runs every PyG
 * fixture (`*.json` except `index.json`, default `<repo>/../shared/fixtures/pyg`)
 * on every backend available here (`@gnnjs/backends`' table: cpu, wasm, and
 * webgpu / node-gpu / node when they load), prints one row per fixture × backend with the max abs error of
 * output, attention and gradients, and exits 1 if any error exceeds the
 * tolerance or a layer differs from PyG structurally (repr, parameter names).
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
const { exitCode } = await runParity({
  dir: path.resolve(positionals[0] ?? path.resolve(repoRoot, '../shared/fixtures/pyg')),
  tolerance: Number(values.tolerance),
  ...(values.backends === undefined ? {} : { backends: values.backends.split(',') }),
});
// Exit explicitly: Dawn (webgpu in Node) keeps the event loop alive after its last use.
process.exit(exitCode);
