/**
 * `@gnnjs/layers`' PyG fixtures of every shared folder (`pyg`: GCNConv,
 * GATConv, GATv2Conv; `pyg-v2`: SAGEConv, GINConv, GINEConv, GraphConv,
 * TransformerConv, BatchNorm, LayerNorm, MLP, AttentionalAggregation, …;
 * `pyg-hetero`) within 1e-5 of PyG on each GNN.js backend, with its fast
 * kernels: `@gnnjs/backend-cpu`, `@gnnjs/backend-wasm` and
 * `@gnnjs/backend-webgpu` in Node (Dawn): outputs, attention and every
 * gradient. A fixture whose layer has no builder yet must fail with "no
 * builder" (the runner never skips it); layers' own tests check the same
 * fixtures on tfjs's stock CPU backend with core's composite kernels.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { loadFixtureDir, runFixture } from '@gnnjs/layers/parity';
import { describe, expect, it } from 'vitest';
import { availableBackends } from '../support/backends.js';
import { SHARED_DIR } from '../support/paths.js';

const folders = ['pyg', 'pyg-v2', 'pyg-hetero'];
const fixtures = (
  await Promise.all(folders.map(async (f) => (await loadFixtureDir(path.join(SHARED_DIR, 'fixtures', f))).map((n) => ({ ...n, name: `${f}/${n.name}` }))))
).flat();
const backends = await availableBackends(['cpu', 'wasm', 'webgpu']);
const buildersDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@gnnjs/layers/package.json')), 'src/parity/builders');
const hasBuilder = (layer: string) => existsSync(path.join(buildersDir, `${layer.toLowerCase()}.ts`));
const runnable = fixtures.filter((f) => f.fixture !== undefined && hasBuilder(f.fixture.layer));

it('found every shared fixture, each readable, v2 layers included', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(9 + 22 + 4);
  expect(fixtures.filter((f) => f.error !== undefined).map((f) => f.error)).toEqual([]);
  expect(runnable.filter((f) => f.name.startsWith('pyg-v2/')).length).toBeGreaterThanOrEqual(18);
});

describe.each(backends)('PyG parity on %s', (backend) => {
  it.each(runnable.map((f) => [f.name, f] as const))('%s within 1e-5', async (_name, { fixture }) => {
    expect(await tf.setBackend(backend)).toBe(true);
    const before = tf.memory().numTensors;
    const result = await runFixture(fixture!);
    expect(result.problems).toEqual([]);
    expect(result.repr.actual).toBe(fixture!.repr ?? null);
    expect(result.errors.output).toBeLessThan(1e-5);
    if (fixture!.attention || fixture!.attention_dict) expect(result.errors.attention).toBeLessThan(1e-5);
    if (fixture!.grad_x) expect(result.maxGradError).toBeLessThan(1e-5);
    expect(result.maxError).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });
});

it.each(fixtures.filter((f) => f.fixture !== undefined && !hasBuilder(f.fixture.layer)).map((f) => [f.name, f] as const))(
  '%s fails with "no builder" until its builder exists',
  async (_name, { fixture }) => {
    await expect(runFixture(fixture!)).rejects.toThrow(/^no builder for layer /);
  },
);
