/**
 * `@gnnjs/layers`' PyG fixtures (GCNConv, GATConv, GATv2Conv: outputs,
 * attention and every gradient) on 'webgpu' in Node, within 1e-5 of PyG.
 * Skipped with one printed line without Dawn or a Vulkan driver; fails on CI.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadFixtureDir, runFixture } from '@gnnjs/layers/parity';
import { describe, expect, it } from 'vitest';
import { nodeWebGPUMissing } from './test_support/node_gpu.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = await loadFixtureDir(path.resolve(repoRoot, '../shared/fixtures/pyg'));
const missing = await nodeWebGPUMissing();

describe.skipIf(missing !== undefined)("PyG parity on 'webgpu' in Node", () => {
  it('found the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s within 1e-5', async (_name, { fixture }) => {
    expect(await tf.setBackend('webgpu')).toBe(true);
    const before = tf.memory().numTensors;
    const result = await runFixture(fixture);
    expect(result.problems).toEqual([]);
    expect(result.errors.output).toBeLessThan(1e-5);
    if (fixture.attention) expect(result.errors.attention).toBeLessThan(1e-5);
    expect(result.maxGradError).toBeLessThan(1e-5);
    expect(result.maxError).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
