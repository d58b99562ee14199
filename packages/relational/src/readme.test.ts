/**
 * Every ```ts block of README.md runs, and the ```json schema loads, except
 * blocks whose first line is a comment naming the e2e/ test that runs them:
 * the browser example (Chromium, e2e/src/relational) and the trained GAT,
 * which needs @gnnjs/layers and @gnnjs/train, packages this one may not
 * import, tests included (e2e/src/relational/readme_gat.test.ts).
 * The README's `data/tables` folder is made here with the benchmark's
 * generator (2 000 transactions) and the path rewritten to it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generatePayments } from '../bench/generate.js';
import { parseSchema } from './index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
/** A block whose first line is a comment naming an e2e/ test is run by that test. */
const runByE2e = (code: string): boolean => /^\/\/.*\be2e\/src\//.test(code.split('\n')[0]!);
const runnable = blocks('ts').filter((code) => !runByE2e(code));

let data: string;
const scratch = join(root, '.vitest', 'readme');

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  data = mkdtempSync(join(tmpdir(), 'gnnjs-relational-readme-'));
  await generatePayments(data, 2000);
  mkdirSync(scratch, { recursive: true });
}, 120_000);

afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('README', () => {
  test('has runnable examples', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(1);
    // The browser example and the trained GAT, and nothing else, are left to e2e/.
    expect(blocks('ts').filter(runByE2e).map((code) => code.split('\n')[0])).toEqual([
      '// with @gnnjs/layers, @gnnjs/train and @gnnjs/backend-cpu (run by e2e/src/relational/readme_gat.test.ts)',
      '// browser (not run in Node: e2e/src/relational runs it in Chromium)',
    ]);
  });

  test.each(runnable.map((code, i) => [i, code]))('example %i runs', async (i, code) => {
    const source = code
      .replaceAll("'@gnnjs/relational'", `'${join(root, 'src', 'index.ts')}'`)
      .replaceAll("'data/tables'", `'${join(data, 'tx-2000')}'`);
    const file = join(scratch, `example_${i}.ts`);
    writeFileSync(file, source);
    const before = tf.memory().numTensors;
    await import(/* @vite-ignore */ file);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  test('the JSON schema is valid', () => {
    const [json] = blocks('json');
    expect(() => parseSchema(JSON.parse(json!))).not.toThrow();
  });
});
