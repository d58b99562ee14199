/**
 * `@gnnjs/layers`' PyG fixtures (GCNConv, GATConv, GATv2Conv: outputs,
 * attention and every gradient) within 1e-5 of PyG on each GNN.js backend,
 * with its fast kernels: `@gnnjs/backend-cpu`, `@gnnjs/backend-wasm` and
 * `@gnnjs/backend-webgpu` in Node (Dawn). Layers' own tests check the same
 * fixtures on tfjs's stock CPU backend with core's composite kernels.
 */
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadFixtureDir, runFixture } from '@gnnjs/layers/parity';
import { describe, expect, it } from 'vitest';
import { availableBackends } from '../support/backends.js';
import { SHARED_DIR } from '../support/paths.js';

const fixtures = await loadFixtureDir(path.join(SHARED_DIR, 'fixtures/pyg'));
const backends = await availableBackends(['cpu', 'wasm', 'webgpu']);

it('found the fixtures', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(9);
});

describe.each(backends)('PyG parity on %s', (backend) => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s within 1e-5', async (_name, { fixture }) => {
    expect(await tf.setBackend(backend)).toBe(true);
    const before = tf.memory().numTensors;
    const result = await runFixture(fixture);
    expect(result.problems).toEqual([]);
    expect(result.repr.actual).toBe(fixture.repr);
    expect(result.errors.output).toBeLessThan(1e-5);
    if (fixture.attention) expect(result.errors.attention).toBeLessThan(1e-5);
    expect(result.maxGradError).toBeLessThan(1e-5);
    expect(result.maxError).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
