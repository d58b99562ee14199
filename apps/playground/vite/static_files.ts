/**
 * Serves (dev, preview) and optionally emits (build) a folder of files under
 * a URL prefix, without Vite's SPA fallback: a missing file is a 404, so the
 * page can say which dataset file is missing.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import type { Connect, Plugin } from 'vite';

export interface StaticFilesOptions {
  /** Plugin name, for Vite's logs. */
  name: string;
  /** URL prefix without the base, e.g. `'data/planetoid/'`. */
  prefix: string;
  /** The folder served. */
  dir: string;
  /** Only these files (default: every file in `dir`). */
  filter?: (file: string) => boolean;
  /** Copy the files into the build as well. */
  emit: boolean;
  contentType?: string;
}

export function staticFiles(options: StaticFilesOptions): Plugin {
  const listFiles = (): string[] =>
    existsSync(options.dir)
      ? readdirSync(options.dir).filter((f) => statSync(join(options.dir, f)).isFile() && (options.filter?.(f) ?? true))
      : [];
  let base = '/';
  const middleware: Connect.NextHandleFunction = (req: IncomingMessage, res: ServerResponse, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const prefix = `${base}${options.prefix}`;
    if (!url.pathname.startsWith(prefix)) return next();
    const file = normalize(decodeURIComponent(url.pathname.slice(prefix.length)));
    const path = join(options.dir, file);
    if (file.startsWith('..') || file.includes('/') || !listFiles().includes(file)) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${options.name}: no file '${file}' in ${options.dir}\n`);
      return;
    }
    res.setHeader('Content-Type', options.contentType ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(readFileSync(path));
  };
  return {
    name: options.name,
    configResolved(config) {
      // './' (relative base) serves from the root during dev and preview.
      base = config.base.startsWith('/') ? config.base : '/';
    },
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      if (!options.emit) return;
      for (const file of listFiles()) {
        this.emitFile({ type: 'asset', fileName: `${options.prefix}${file}`, source: readFileSync(join(options.dir, file)) });
      }
    },
  };
}
