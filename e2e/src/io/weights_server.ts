/**
 * Serves the bundled `weights_page.ts` and binary files on http://127.0.0.1
 * (a secure context, as WebGPU needs).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./weights_page.ts', import.meta.url));

const HTML = `<!doctype html><meta charset="utf-8"><title>GNN.js weights test</title>
<script type="module" src="/page.js"></script>`;

export interface WeightsServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `/` (the page), `/page.js` and each of `files` (path → bytes) as application/octet-stream. */
export async function serveWeightsPage(files: Readonly<Record<string, Uint8Array>>): Promise<WeightsServer> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@gnnjs/source'],
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text;
  const server: Server = createServer((req, res) => {
    const file = req.url === undefined ? undefined : files[req.url];
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    else if (file !== undefined) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
