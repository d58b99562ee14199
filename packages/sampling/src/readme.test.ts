/**
 * Every ```ts block of README.md runs (with tfjs's own CPU backend in place
 * of `@gnnjs/backend-cpu`, as every library test here) and leaves no tensor
 * behind.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test, vi } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const scratch = join(root, '.vitest', 'readme');

beforeAll(() => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  mkdirSync(scratch, { recursive: true });
});

describe('README', () => {
  test('has the examples: training, heterogeneous and temporal sampling, link prediction (homogeneous, heterogeneous), workers', () => {
    expect(blocks).toHaveLength(5);
  });

  test.each(blocks.map((code, i) => [i, code]))('example %i runs', async (i, code) => {
    const file = join(scratch, `example_${i}.ts`);
    writeFileSync(file, code.replaceAll("'@gnnjs/backend-cpu'", "'@tensorflow/tfjs-backend-cpu'"));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const before = tf.memory().numTensors;
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      log.mockRestore();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
