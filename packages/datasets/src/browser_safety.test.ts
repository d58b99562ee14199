import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Modules reachable from `file` through static imports (dynamic `import()` excluded). */
function staticImports(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
  seen.set(file, specifiers);
  for (const s of specifiers) {
    if (s.startsWith('.')) staticImports(resolve(dirname(file), s.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('browser safety', () => {
  it('the entry point reaches no node: module through static imports', () => {
    const graph = staticImports(resolve(SRC, 'index.ts'));
    expect(graph.size).toBeGreaterThan(20);
    const offenders = [...graph].filter(([, specs]) => specs.some((s) => s.startsWith('node:'))).map(([f]) => f);
    expect(offenders).toEqual([]);
    expect([...graph.keys()].some((f) => f.endsWith('fs_store.ts'))).toBe(false);
  });

  it('the entry point reaches neither @gnnjs/relational (an optional peer) nor DuckDB, not even for types', () => {
    const graph = staticImports(resolve(SRC, 'index.ts'));
    const offenders = [...graph].filter(([, specs]) => specs.some((s) => s.startsWith('@gnnjs/relational') || s.startsWith('@duckdb/'))).map(([f]) => f);
    expect(offenders).toEqual([]);
  });

  it('the node entry imports @gnnjs/relational only for types (the value is loaded on use)', () => {
    const graph = staticImports(resolve(SRC, 'node.ts'));
    const valueImports = [...graph.keys()].filter((file) => /^import\s+(?!type\s)[^;]*?from\s+'@gnnjs\/relational'/m.test(readFileSync(file, 'utf8')));
    expect(valueImports).toEqual([]);
  });

  it('the fs module has a browser stand-in with the same exports', async () => {
    const node = await import('./node/fs_store.js');
    const browser = await import('./node/fs_store_browser.js');
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  });
});
