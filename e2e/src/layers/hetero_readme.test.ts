/**
 * The root README's "Heterogeneous graphs" example, run as written (with
 * `@gnnjs/backend-cpu`, as it says): a heterogeneous SBM from
 * `@gnnjs/datasets`, `toHetero` of a GAT from `@gnnjs/layers`, `fit` from
 * `@gnnjs/train`, and one account's attention per relation. It must learn
 * (test accuracy far above chance) and leave no tensor behind.
 */
import '@gnnjs/backend-cpu';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/** The first ```ts block under "## Heterogeneous graphs". */
function example(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Heterogeneous graphs'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error('README.md has no ```ts block under "## Heterogeneous graphs"');
  return code;
}

it('runs the root README\'s "Heterogeneous graphs" example: it learns, explains account 7 per relation, and frees every tensor', async () => {
  const code = example();
  expect(code).toContain('toHetero(');
  const dir = path.join(REPO_ROOT, 'e2e', '.vitest', 'readme');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'hetero_example.ts');
  writeFileSync(file, code);
  const lines: unknown[][] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    log.mockRestore();
  }
  const accuracy = Number(/test accuracy ([\d.]+)/.exec(String(lines[0]?.[0]))?.[1]);
  expect(accuracy).toBeGreaterThan(0.7);
  const why = lines[1]?.[0] as Array<{ sourceType: string; perHead: number[] }>;
  expect(why.length).toBeGreaterThan(0);
  expect(why.every((r) => r.sourceType === 'merchant' && r.perHead.length === 4)).toBe(true);
  // The example disposed everything it made.
  expect(tf.memory().numTensors).toBe(before);
}, 300_000);
