/**
 * Test-only: the playground built into a fresh temporary folder (never its
 * own `dist/`, which the playground's tests build and serve at the same time)
 * and served with `vite preview` on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, preview } from 'vite';

const PLAYGROUND_DIR = dirname(createRequire(import.meta.url).resolve('playground/package.json'));

export interface ServedPlayground {
  url: string;
  close(): Promise<void>;
}

export async function servePlayground(): Promise<ServedPlayground> {
  const outDir = mkdtempSync(join(tmpdir(), 'gnnjs-playground-'));
  const options = { root: PLAYGROUND_DIR, logLevel: 'error' as const, build: { outDir, emptyOutDir: true } };
  await build(options);
  const server = await preview({ ...options, preview: { host: '127.0.0.1', port: 0 } });
  const address = server.httpServer.address();
  if (address === null || typeof address !== 'object') throw new Error('vite preview did not listen');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
