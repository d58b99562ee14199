/**
 * Every TypeScript example of core's docs is typechecked and run: the ```ts
 * blocks of README.md (which must be complete) and the `@example` blocks of
 * the TSDoc comments that are self-contained once `tf` and core's own exports
 * are imported (the others, fragments such as `spmm(edgeIndex, x, …)`, are
 * counted and listed with `--reporter=verbose`).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkExamples, markdownExamples, tsdocExamples, type CheckedExample } from './test_support/doc_examples.js';
import './index.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = [...markdownExamples(join(packageRoot, 'README.md'), packageRoot), ...tsdocExamples(join(packageRoot, 'src'), packageRoot)];
let checked: CheckedExample[] = [];

beforeAll(() => {
  checked = checkExamples(examples, packageRoot, '@gnnjs/core');
}, 120_000);

const find = (where: string): CheckedExample => {
  const found = checked.find((c) => c.example.where === where);
  if (found === undefined) throw new Error(`no example at ${where}`);
  return found;
};

describe("core's doc examples", () => {
  it('typecheck: README blocks are complete, TSDoc blocks complete once tf and core are imported, or fragments', () => {
    const errors = checked.filter((c) => c.status === 'error').map((c) => `${c.example.where}: ${c.status === 'error' ? c.errors.join('; ') : ''}`);
    expect(errors).toEqual([]);
    const readmeFragments = checked.filter((c) => c.example.kind === 'readme' && c.status !== 'runnable');
    expect(readmeFragments.map((c) => c.example.where)).toEqual([]);
  });

  it('include the Module example and every README block among those that run', () => {
    const runnable = checked.filter((c) => c.status === 'runnable').map((c) => c.example.where);
    expect(runnable).toContain(examples.find((e) => e.where.startsWith('src/nn/module.ts'))?.where);
    for (const e of examples.filter((e) => e.kind === 'readme')) expect(runnable).toContain(e.where);
  });

  it.each(examples.map((e) => [e.where]))('%s runs (when it is self-contained)', async (where) => {
    const c = find(where);
    if (c.status !== 'runnable') return;
    await tf.setBackend('cpu');
    await import(/* @vite-ignore */ c.module);
  });
});
