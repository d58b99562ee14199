/**
 * Test-only: builds the page when `dist/` is missing or older than its
 * sources, and serves it with `vite preview` on 127.0.0.1.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function distIsStale(): boolean {
  const index = join(APP_DIR, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'vite'].map((p) => newestMtime(join(APP_DIR, p)));
  return Math.max(...sources) > statSync(index).mtimeMs;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

export async function buildAndServe(): Promise<PageServer> {
  if (distIsStale()) await build({ root: APP_DIR, logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({ root: APP_DIR, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
