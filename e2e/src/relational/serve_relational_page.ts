/**
 * Serves the relational page on http://127.0.0.1: the bundled page, DuckDB-Wasm's
 * worker and .wasm from its npm package, and the Parquet files of `dataDir`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));
const DUCKDB_DIST = join(dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')));
const HTML = '<!doctype html><meta charset="utf-8"><title>GNN.js relational test</title><script type="module" src="/page.js"></script>';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

export async function serveRelationalPage(dataDir: string): Promise<PageServer> {
  const bundled = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@gnnjs/source'],
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0]!.text;
  const files: Record<string, [string, () => Buffer | string]> = {
    '/': ['text/html', () => HTML],
    '/page.js': ['text/javascript', () => script],
    '/duckdb-eh.wasm': ['application/wasm', () => readFileSync(join(DUCKDB_DIST, 'duckdb-eh.wasm'))],
    '/duckdb-browser-eh.worker.js': ['text/javascript', () => readFileSync(join(DUCKDB_DIST, 'duckdb-browser-eh.worker.js'))],
  };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const known = files[url];
    if (known !== undefined) {
      res.writeHead(200, { 'content-type': known[0] }).end(known[1]());
    } else if (url.startsWith('/data/')) {
      try {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(join(dataDir, basename(url))));
      } catch {
        res.writeHead(404).end();
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
