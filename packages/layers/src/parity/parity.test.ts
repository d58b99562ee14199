// tfjs's stock CPU backend: every GNN kernel runs as core's composite default.
// The same fixtures on each GNN.js backend are checked in e2e/src/layers/parity.test.ts.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixtureDir, runFixture } from '@gnnjs/layers/parity';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/pyg');
const fixtures = await loadFixtureDir(fixtureDir);

describe("PyG parity on tfjs's cpu backend with core's composite kernels", () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s within 1e-5', async (_name, { fixture }) => {
    await tf.setBackend('cpu');
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

it('found the fixtures', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(9);
});

it('reports a tampered gradient, and frees every tensor it read', async () => {
  await tf.setBackend('cpu');
  const { fixture } = fixtures.find((f) => f.name === 'gcnconv')!;
  const tampered = structuredClone(fixture);
  (tampered.grad_x.data as number[][])[0]![0]! += 1e-3;
  const before = tf.memory().numTensors;
  const result = await runFixture(tampered);
  expect(result.maxGradError).toBeCloseTo(1e-3, 6);
  expect(result.errors.output).toBeLessThan(1e-5);
  expect(tf.memory().numTensors).toBe(before);
});
