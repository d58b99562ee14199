/**
 * Runs a ```ts block of the root README as written: the first one under a
 * `## heading`, written to a file under `e2e/.vitest/readme` and imported, with
 * what it logs captured.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { REPO_ROOT } from './paths.js';

const README = path.join(REPO_ROOT, 'README.md');

/** The first ```ts block under `## heading` of the root README. */
export function readmeExample(heading: string): string {
  const readme = readFileSync(README, 'utf8');
  const at = readme.search(new RegExp(`^## ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const code = at < 0 ? undefined : /```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  if (code === undefined) throw new Error(`${README} has no \`\`\`ts block under "## ${heading}"`);
  return code;
}

/** Imports `code` from `e2e/.vitest/readme/<name>.ts`; returns the arguments of each `console.log` it made. */
export async function runReadmeExample(code: string, name: string): Promise<unknown[][]> {
  const dir = path.join(REPO_ROOT, 'e2e', '.vitest', 'readme');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, code);
  const lines: unknown[][] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    log.mockRestore();
  }
  return lines;
}
