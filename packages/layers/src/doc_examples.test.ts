/**
 * The TSDoc `@example` blocks of @gnnjs/layers are typechecked, and those
 * that are self-contained once `tf` and the package's own exports are
 * imported are run (with core's example checker, a test-only helper). The
 * layers added in v2 must all be among those that run, as must the README's
 * complete programs (the readout example).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkExamples, markdownExamples, tsdocExamples, type CheckedExample } from '../../core/src/test_support/doc_examples.js';
import './index.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** README blocks that are complete programs (the others are sketches with the caller's data). */
const readme = markdownExamples(join(packageRoot, 'README.md'), packageRoot).filter((e) => e.code.includes('aggr.globalMeanPool'));
const examples = [...readme, ...tsdocExamples(join(packageRoot, 'src'), packageRoot)];
let checked: CheckedExample[] = [];

/** Files whose every example must run as written. */
const SELF_CONTAINED = [
  'src/conv/sage_conv.ts', 'src/conv/gin_conv.ts', 'src/conv/gine_conv.ts', 'src/conv/graph_conv.ts', 'src/conv/transformer_conv.ts',
  'src/nn/batch_norm1d.ts', 'src/norm/batch_norm.ts', 'src/norm/layer_norm.ts', 'src/models/mlp.ts', 'src/aggr/attentional_aggregation.ts',
  'src/nn/torch_linear.ts', 'src/nn/identity.ts', 'src/nn/module_list.ts',
];

beforeAll(() => {
  checked = checkExamples(examples, packageRoot, '@gnnjs/layers');
}, 300_000);

describe("layers' TSDoc examples", () => {
  it('typecheck (or are fragments that use names they do not define)', () => {
    const errors = checked.filter((c) => c.status === 'error').map((c) => `${c.example.where}: ${c.status === 'error' ? c.errors.join('; ') : ''}`);
    expect(errors).toEqual([]);
  });

  it("the README's readout example is complete", () => {
    expect(readme).toHaveLength(1);
    expect(checked.find((c) => c.example === readme[0])?.status).toBe('runnable');
  });

  it('of the v2 layers are self-contained', () => {
    const notRunnable = checked
      .filter((c) => SELF_CONTAINED.some((f) => c.example.where.startsWith(`${f}:`)) && c.status !== 'runnable')
      .map((c) => `${c.example.where}: ${c.status === 'fragment' ? c.missing.join('; ') : c.status}`);
    expect(notRunnable).toEqual([]);
    for (const f of SELF_CONTAINED) expect(checked.some((c) => c.example.where.startsWith(`${f}:`))).toBe(true);
  });

  it.each(examples.map((e) => [e.where]))('%s runs (when it is self-contained)', async (where) => {
    const c = checked.find((k) => k.example.where === where)!;
    if (c.status !== 'runnable') return;
    await tf.setBackend('cpu');
    await import(/* @vite-ignore */ c.module);
  });
});
