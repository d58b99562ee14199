/**
 * Every ```ts block of README.md runs (tfjs's own CPU backend in place of
 * `@gnnjs/backend-cpu`, as every library test here) and leaves no tensor
 * behind, except blocks whose first line is a comment naming the e2e/ test
 * that runs them: the GAT example needs `@gnnjs/layers` and
 * `@gnnjs/datasets`, packages this one may not import, tests included
 * (e2e/src/io/readme.test.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useCpuBackend } from './test_support/backend.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
/** A block whose first line is a comment naming an e2e/ test is run by that test. */
const runByE2e = (code: string): boolean => /^\/\/.*\be2e\/src\//.test(code.split('\n')[0]!);
const runnable = blocks.filter((code) => !runByE2e(code));
const scratch = join(root, '.vitest', 'readme');

beforeAll(async () => {
  await useCpuBackend();
  mkdirSync(scratch, { recursive: true });
});

describe('README', () => {
  test('has its examples: the GAT (left to e2e/) and safetensors', () => {
    expect(blocks.filter(runByE2e).map((code) => code.split('\n')[0])).toEqual([
      '// with @gnnjs/layers, @gnnjs/datasets and @gnnjs/backend-cpu (run by e2e/src/io/readme.test.ts)',
    ]);
    expect(runnable).toHaveLength(1);
  });

  test.each(runnable.map((code, i) => [i, code]))('example %i runs', async (i, code) => {
    const file = join(scratch, `example_${i}.ts`);
    writeFileSync(file, code.replaceAll("'@gnnjs/backend-cpu'", "'@tensorflow/tfjs-backend-cpu'"));
    const before = tf.memory().numTensors;
    await import(/* @vite-ignore */ file);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
