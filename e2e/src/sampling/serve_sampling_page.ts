/**
 * Serves the sampling page on http://127.0.0.1: `/` cross-origin isolated
 * (COOP/COEP headers, so the page may share memory with its workers), `/plain`
 * the same page without them, and the bundled worker entry of
 * `@gnnjs/sampling/worker`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PAGE = fileURLToPath(new URL('./page.ts', import.meta.url));
const HTML = '<!doctype html><meta charset="utf-8"><title>GNN.js sampling workers</title><script type="module" src="/page.js"></script>';
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['@gnnjs/source'], logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

export async function serveSamplingPage(): Promise<PageServer> {
  const page = await bundle(PAGE);
  const worker = await bundle(fileURLToPath(import.meta.resolve('@gnnjs/sampling/worker')));
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const js = { 'content-type': 'text/javascript', ...ISOLATED };
    if (url === '/') res.writeHead(200, { 'content-type': 'text/html', ...ISOLATED }).end(HTML);
    else if (url === '/plain') res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    else if (url === '/page.js') res.writeHead(200, js).end(page);
    else if (url === '/sampler_worker.js') res.writeHead(200, js).end(worker);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
