// tfjs's stock CPU backend: every GNN kernel runs as core's composite default.
// The same fixtures on each GNN.js backend are checked in e2e/src/layers/parity.test.ts.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, loadFixtureDir, runFixture, type NamedFixture, type PygFixture } from '@gnnjs/layers/parity';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedFixtures = path.resolve(here, '../../../../../shared/fixtures');
const folders = ['pyg', 'pyg-v2', 'pyg-hetero'];
const all = (await Promise.all(folders.map(async (f) => (await loadFixtureDir(path.join(sharedFixtures, f))).map((n) => [`${f}/${n.name}`, n] as const)))).flat();
/** Fixtures whose layer has a builder file; the others must fail with "no builder" until theirs is written. */
const hasBuilder = (n: NamedFixture) => n.fixture !== undefined && existsSync(path.join(here, 'builders', `${n.fixture.layer.toLowerCase()}.ts`));
const fixture = (name: string): PygFixture => all.find(([k]) => k === name)![1].fixture!;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("PyG parity on tfjs's cpu backend with core's composite kernels", () => {
  it.each(all.filter(([, n]) => hasBuilder(n)))('%s within 1e-5', async (_name, { fixture }) => {
    const before = tf.memory().numTensors;
    const result = await runFixture(fixture!);
    expect(result.problems).toEqual([]);
    if (fixture!.repr !== undefined) expect(result.repr.actual).toBe(fixture!.repr);
    expect(result.errors.output).toBeLessThan(1e-5);
    if (fixture!.attention) expect(result.errors.attention).toBeLessThan(1e-5);
    if (fixture!.grad_x) expect(result.maxGradError).toBeLessThan(1e-5);
    expect(result.maxError).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(all.filter(([, n]) => n.fixture !== undefined && !hasBuilder(n)))('%s fails with "no builder" until its builder exists', async (_name, { fixture }) => {
    await expect(runFixture(fixture!)).rejects.toThrow(new RegExp(`^no builder for layer ${fixture!.layer} \\(`));
  });
});

it('found every shared fixture, each readable, and runs every layer of this package', () => {
  expect(all.length).toBeGreaterThanOrEqual(9 + 22 + 4);
  expect(all.filter(([, n]) => n.error !== undefined)).toEqual([]);
  const layers = new Set(all.filter(([, n]) => hasBuilder(n)).map(([, n]) => n.fixture!.layer));
  for (const layer of ['GCNConv', 'GATConv', 'GATv2Conv', 'SAGEConv', 'GINConv', 'GINEConv', 'GraphConv', 'TransformerConv', 'BatchNorm', 'LayerNorm', 'MLP', 'AttentionalAggregation']) {
    expect(layers).toContain(layer);
  }
});

it('reports a tampered gradient, and frees every tensor it read', async () => {
  const tampered = structuredClone(fixture('pyg/gcnconv'));
  ((tampered.grad_x as { data: number[][] }).data)[0]![0]! += 1e-3;
  const before = tf.memory().numTensors;
  const result = await runFixture(tampered);
  expect(result.maxGradError).toBeCloseTo(1e-3, 6);
  expect(result.errors.output).toBeLessThan(1e-5);
  expect(tf.memory().numTensors).toBe(before);
});

it('reports a tampered buffer and a nonzero gradient of an unused parameter', async () => {
  const bn = structuredClone(fixture('pyg-v2/batchnorm'));
  ((bn.buffers!['module.running_mean']!.data) as number[])[0]! += 0.5;
  expect((await runFixture(bn)).errors.output).toBeGreaterThan(1e-2);
  const noroot = structuredClone(fixture('pyg-v2/transformerconv_h2_edge3_noroot'));
  ((noroot.grads!['lin_skip.bias']!.data) as number[])[0] = 1;
  const result = await runFixture(noroot);
  expect(result.errors.grads['lin_skip.bias']).toBe(1);
  expect(result.errors.output).toBeLessThan(1e-5);
});

it('fails, naming the problem, a fixture it cannot read or whose layer it does not know', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gnnjs-fixtures-'));
  const good = await readFile(path.join(sharedFixtures, 'pyg-v2/sageconv_mean.json'), 'utf8');
  await writeFile(path.join(dir, 'truncated.json'), good.slice(0, 200));
  const shortData = JSON.parse(good) as PygFixture;
  (shortData.x!.data as number[][]).pop();
  await writeFile(path.join(dir, 'short.json'), JSON.stringify(shortData));
  await writeFile(path.join(dir, 'unknown.json'), JSON.stringify({ ...JSON.parse(good), layer: 'FancyConv' }));
  const loaded = await loadFixtureDir(dir);
  expect(loaded.map((n) => [n.name, n.error?.replace(/\(.*$/, '(…')])).toEqual([
    ['short', 'short.json: x: shape [7, 5] needs 35 numbers, data has 30'],
    ['truncated', 'truncated.json: not JSON (…'],
    ['unknown', undefined],
  ]);
  await expect(runFixture(loaded[2]!.fixture!)).rejects.toThrow(FixtureError);
  await expect(runFixture(loaded[2]!.fixture!)).rejects.toThrow(/^no builder for layer FancyConv \(a builder is one file, .*builders\/fancyconv\.ts/);
  const badArgs = { ...fixture('pyg-v2/sageconv_mean'), constructor_args: { in_channels: 5, out_channels: 4, aggr: 'mean', flow: 'x' } };
  await expect(runFixture(badArgs)).rejects.toThrow(/^SAGEConv: unsupported constructor argument 'flow'/);
});
