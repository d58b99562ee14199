/**
 * Every ```ts block of README.md runs, with the numbers its comments promise
 * (`cora.numNodes; // 2708` is checked) and no tensor left behind. The runs
 * are offline and small: Planetoid comes from the shared local mirror
 * (`GNNJS_DATASETS_MIRROR`), caches go to a temporary data root, tfjs's own
 * CPU backend stands in for `@gnnjs/backend-cpu` (as in every library test
 * here), and the payments example runs at scale 0.01 in a temporary folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { PLANETOID_MIRROR, tempDir } from './testing/paths.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = join(root, '.vitest', 'readme');

/** The ```ts blocks of the README, with the line of each opening fence. */
function readmeBlocks(): { line: number; code: string }[] {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  const blocks: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    blocks.push({ line: start, code: body.join('\n') });
  }
  return blocks;
}

/** `expr; // 2708` becomes a check that `expr` is 2708; other lines stay as they are. */
function withChecks(code: string, line: number): string {
  const checked = code.split('\n').map((text, i) => {
    const m = /^(\s*)([^/;][^;]*);\s*\/\/\s*(-?\d+(?:\.\d+)?)\b/.exec(text);
    return m === null ? text : `${m[1]}__readmeCheck(${m[2]}, ${m[3]}, 'README.md:${line + i + 1}');${text.slice(m[0].length)}`;
  });
  return `${checked.join('\n')}\n`;
}

/** What the examples need to run here (each must find its text: a changed README is noticed). */
const SUBSTITUTIONS = (out: string): [string, string][] => [
  ["'@gnnjs/backend-cpu'", "'@tensorflow/tfjs-backend-cpu'"],
  ['generatePayments({ scale: 0.1, seed: 0 })', 'generatePayments({ scale: 0.01, seed: 0 })'],
  ["'data/payments'", JSON.stringify(join(out, 'payments'))],
  ['PaymentsFraud.load({ scale: 1, seed: 0, ', 'PaymentsFraud.load({ scale: 0.01, seed: 0, '],
];

function localised(code: string, out: string): string {
  return SUBSTITUTIONS(out).reduce((result, [from, to]) => result.replaceAll(from, to), code);
}

const blocks = readmeBlocks();
let data: { dir: string; cleanup: () => Promise<void> };
const checks: { where: string; actual: unknown; expected: number }[] = [];

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  mkdirSync(scratch, { recursive: true });
  data = await tempDir('readme');
  vi.stubEnv('GNNJS_DATASETS_MIRROR', PLANETOID_MIRROR);
  vi.stubEnv('GNNJS_DATA_ROOT', data.dir);
  (globalThis as { __readmeCheck?: unknown }).__readmeCheck = (actual: unknown, expected: number, where: string) => {
    checks.push({ where, actual, expected });
    return actual;
  };
});

afterAll(async () => {
  vi.unstubAllEnvs();
  delete (globalThis as { __readmeCheck?: unknown }).__readmeCheck;
  await data.cleanup();
});

describe('README', () => {
  test('has its examples: Planetoid on Cora, PaymentsFraud', () => {
    expect(blocks).toHaveLength(2);
    const all = blocks.map((b) => b.code).join('\n');
    expect(SUBSTITUTIONS('').map(([from]) => from).filter((from) => !all.includes(from))).toEqual([]);
  });

  test.each(blocks.map((b) => [b.line, b.code]))('the example at README.md:%i runs, as its comments say', async (line, code) => {
    const file = join(scratch, `example_${line}.ts`);
    writeFileSync(file, withChecks(localised(code, data.dir), line));
    const before = tf.memory().numTensors;
    const from = checks.length;
    await import(/* @vite-ignore */ file);
    expect(tf.memory().numTensors).toBe(before);
    for (const c of checks.slice(from)) expect({ where: c.where, value: c.actual }).toEqual({ where: c.where, value: c.expected });
  }, 180_000);

  test('the Planetoid example checks the numbers of its comments', () => {
    expect(checks.map((c) => c.where)).toEqual(['README.md:15', 'README.md:16', 'README.md:17']);
  });
});
