/**
 * Node built-ins imported by code the page loads but never runs in a browser
 * (the checkpoint files of `@gnnjs/train`, the file cache of
 * `@gnnjs/datasets`). Vite's own stub throws as soon as a named import is
 * read, which breaks `vite dev` at module load; this one has every export of
 * the real module and throws only when one is called.
 */
import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

const PREFIX = '\0playground-node-stub:';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isBuiltin(source: string): boolean {
  const name = source.startsWith('node:') ? source.slice(5) : source;
  return builtinModules.includes(name);
}

export function nodeBuiltinsStub(): Plugin {
  return {
    name: 'playground-node-builtins-stub',
    enforce: 'pre',
    resolveId(source, _importer, options) {
      if (options.ssr || !isBuiltin(source)) return null;
      return `${PREFIX}${source.startsWith('node:') ? source : `node:${source}`}`;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const source = id.slice(PREFIX.length);
      const real = (await import(source)) as Record<string, unknown>;
      const names = Object.keys(real).filter((n) => n !== 'default' && IDENTIFIER.test(n));
      return [
        `const unavailable = (name) => () => { throw new Error(\`\${name} is Node.js only: not available in the browser\`); };`,
        ...names.map((n) => `export const ${n} = unavailable('${source}.${n}');`),
        `export default new Proxy({}, { get: (_, name) => unavailable('${source}.' + String(name)) });`,
      ].join('\n');
    },
  };
}
