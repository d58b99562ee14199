/**
 * Serves the bundled test page on http://127.0.0.1 (WebGPU needs a secure
 * context: localhost qualifies, about:blank and file: do not).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));

const HTML = `<!doctype html><meta charset="utf-8"><title>GNN.js WebGPU test</title>
<script type="module" src="/page.js"></script>`;

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
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
  return result.outputFiles[0]!.text;
}

export async function servePage(): Promise<PageServer> {
  const script = await bundle();
  const server: Server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
