/**
 * The playground's build. Workspace packages resolve to their TypeScript
 * sources (`@gnnjs/source`), so no package build is needed first.
 *
 * - tfjs-backend-wasm's binaries are served and emitted under `tfjs-wasm/`.
 * - The raw Planetoid files are served under `data/planetoid/` from
 *   `$PLAYGROUND_PLANETOID_DIR` (default `<repo>/../shared/datasets/planetoid`);
 *   `PLAYGROUND_BUNDLE_DATA=1` also copies them into `dist/` for a static host.
 * - Node built-ins imported by Node-only code paths become stubs that throw
 *   when called (see vite/node_builtins_stub.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';
import { nodeBuiltinsStub } from './vite/node_builtins_stub.js';
import { staticFiles } from './vite/static_files.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const planetoidDir = process.env['PLAYGROUND_PLANETOID_DIR'] ?? resolve(repoRoot, '../shared/datasets/planetoid');
const require = createRequire(import.meta.url);
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

export default defineConfig({
  // Relative asset URLs: the build works from any folder of any static server.
  base: './',
  // No SPA fallback: a missing file is a 404, not index.html.
  appType: 'mpa',
  resolve: { conditions: ['@gnnjs/source', ...defaultClientConditions] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
  plugins: [
    nodeBuiltinsStub(),
    staticFiles({
      name: 'playground-tfjs-wasm',
      prefix: 'tfjs-wasm/',
      dir: wasmDir,
      filter: (f) => f.endsWith('.wasm'),
      emit: true,
      contentType: 'application/wasm',
    }),
    staticFiles({
      name: 'playground-planetoid-data',
      prefix: 'data/planetoid/',
      dir: planetoidDir,
      filter: (f) => f.startsWith('ind.'),
      emit: process.env['PLAYGROUND_BUNDLE_DATA'] === '1',
    }),
  ],
});
