import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Modules reachable from `file` through static imports, with their import specifiers. */
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
  it.each(['index.ts', 'testing/index.ts'])('%s reaches no node: module and no Buffer', (entry) => {
    const graph = staticImports(resolve(SRC, entry));
    expect(graph.size).toBeGreaterThan(entry === 'index.ts' ? 15 : 2);
    const offenders = [...graph].filter(([, specs]) => specs.some((s) => s.startsWith('node:'))).map(([f]) => f);
    expect(offenders).toEqual([]);
    const buffers = [...graph.keys()].filter((f) => /\bBuffer\./.test(readFileSync(f, 'utf8')));
    expect(buffers).toEqual([]);
  });
});
