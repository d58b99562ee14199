import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, gnnjs } from './test_support/run_cli.js';

interface TrainJson {
  dataset: string;
  model: string;
  backend: string;
  runs: Array<{ seed: number; testAccBestVal: number; testAccLast: number; valAccBest: number; bestEpoch: number; msPerEpoch: number }>;
  mean: Record<string, number>;
  std: Record<string, number>;
}

const withoutTimes = (runs: TrainJson['runs']): unknown => runs.map(({ msPerEpoch: _ms, ...rest }) => rest);

describe('gnnjs (end to end)', { timeout: 180_000 }, () => {
  let out: string;
  let trained: TrainJson;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'gnnjs-train-'));
    const r = await gnnjs('train', '--dataset', 'karate', '--model', 'gat', '--backend', 'cpu', '--epochs', '30', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    trained = JSON.parse(r.stdout) as TrainJson;
  });

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('train --json prints the result document', () => {
    expect(trained).toMatchObject({ dataset: 'karate', model: 'gat', backend: 'cpu' });
    expect(trained.runs).toHaveLength(1);
    expect(trained.runs[0]?.seed).toBe(0);
    expect(trained.std.testAccBestVal).toBe(0);
    expect(trained.mean.testAccBestVal).toBe(trained.runs[0]?.testAccBestVal);
  });

  it('train --out writes metrics, history, plot, checkpoint and attention', async () => {
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')) as TrainJson;
    expect(withoutTimes(metrics.runs)).toEqual(withoutTimes(trained.runs));

    const csv = (await readFile(join(out, 'history.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,train_acc,val_acc,test_acc,val_loss,ms');
    expect(csv).toHaveLength(31);

    expect(await readFile(join(out, 'history.svg'), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<polyline[\s\S]*<\/svg>\s*$/);

    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ format: 'gnnjs-checkpoint', version: 2, meta: { dataset: 'karate', model: 'gat', numFeatures: 34, numClasses: 4, epoch: 30 } });
    expect((config['weights'] as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    const weights = JSON.parse(await readFile(join(out, 'weights.json'), 'utf8')) as Record<string, { shape: number[]; data: number[] }>;
    expect(Object.keys(weights).sort()).toEqual(
      ['conv1.att_dst', 'conv1.att_src', 'conv1.bias', 'conv1.lin.weight', 'conv2.att_dst', 'conv2.att_src', 'conv2.bias', 'conv2.lin.weight'].sort(),
    );
    expect(weights['conv1.lin.weight']?.shape).toEqual([64, 34]);
    expect(weights['conv1.lin.weight']?.data).toHaveLength(64 * 34);

    const attention = JSON.parse(await readFile(join(out, 'attention.json'), 'utf8')) as {
      layers: Array<{ heads: number; edgeIndex: number[][]; alpha: number[][] }>;
    };
    expect(attention.layers.map((l) => l.heads)).toEqual([8, 1]);
    for (const layer of attention.layers) {
      expect(layer.edgeIndex[0]).toHaveLength(156 + 34);
      expect(layer.alpha).toHaveLength(156 + 34);
    }
  });

  it('evaluate --checkpoint reproduces the last epoch test accuracy', async () => {
    const r = await gnnjs('evaluate', '--checkpoint', out, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { testAcc: number; epoch: number };
    expect(result.epoch).toBe(30);
    expect(result.testAcc).toBe(trained.runs[0]?.testAccLast);
  });

  it("attention --node 0 lists every in-neighbour, and each layer's mean attention sums to 1", async () => {
    const r = await gnnjs('attention', '--checkpoint', out, '--node', '0', '--top', '100', '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      layers: Array<{ heads: number; inDegree: number; neighbours: Array<{ source: number; mean: number; perHead: number[] }> }>;
    };
    expect(result.layers).toHaveLength(2);
    for (const layer of result.layers) {
      // Node 0 of the karate club has 16 neighbours, plus its self-loop.
      expect(layer.inDegree).toBe(17);
      expect(layer.neighbours).toHaveLength(17);
      expect(layer.neighbours.map((n) => n.source)).toContain(0);
      expect(layer.neighbours.reduce((s, n) => s + n.mean, 0)).toBeCloseTo(1, 5);
      expect(layer.neighbours[0]?.perHead).toHaveLength(layer.heads);
    }
    const text = await gnnjs('attention', '--checkpoint', out, '--node', '0', '--top', '3', '--backend', 'cpu');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/conv1 \(8 heads\): 3 of 17 in-neighbours/);
  });

  it('repeats exactly with the same seed on the cpu backend; --runs uses seed, seed+1, one folder each', async () => {
    const multi = join(out, 'multi');
    const two = await gnnjs('train', '--dataset', 'karate', '--model', 'gcn', '--backend', 'cpu', '--epochs', '20', '--runs', '2', '--json', '--out', multi);
    const second = await gnnjs('train', '--dataset', 'karate', '--model', 'gcn', '--backend', 'cpu', '--epochs', '20', '--seed', '1', '--json');
    expect(two.code, two.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const runs = (JSON.parse(two.stdout) as TrainJson).runs;
    expect(runs.map((r) => r.seed)).toEqual([0, 1]);
    expect(withoutTimes(runs.slice(1))).toEqual(withoutTimes((JSON.parse(second.stdout) as TrainJson).runs));
    const summary = JSON.parse(await readFile(join(multi, 'metrics.json'), 'utf8')) as TrainJson;
    expect(summary.runs).toHaveLength(2);
    for (const seed of [0, 1]) {
      const config = JSON.parse(await readFile(join(multi, `seed-${seed}`, 'config.json'), 'utf8')) as { meta: { seed: number } };
      expect(config.meta.seed).toBe(seed);
      expect(existsSync(join(multi, `seed-${seed}`, 'history.csv'))).toBe(true);
      // GCN has no attention to write.
      expect(existsSync(join(multi, `seed-${seed}`, 'attention.json'))).toBe(false);
    }
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['an unknown dataset', ['train', '--dataset', 'mnist'], /'mnist' is invalid.*cora, citeseer, pubmed, karate/],
    ['an unknown model', ['train', '--model', 'gin'], /'gin' is invalid/],
    ['an unknown backend', ['train', '--backend', 'tpu'], /'tpu' is invalid/],
    ['a negative epoch count', ['train', '--epochs', '-1'], /--epochs.*'-1' is invalid.*integer >= 1/],
    ['a learning rate that is not a number', ['train', '--lr', 'fast'], /--lr.*'fast' is invalid/],
    ['a dropout of 1', ['train', '--dropout', '1'], /--dropout.*'1' is invalid/],
    ['--heads for GCN', ['train', '--model', 'gcn', '--heads', '4'], /--heads applies to GAT and GATv2 only/],
  ];
  it.each(usageErrors)('prints one line and exits non-zero on %s', async (_what, args, pattern) => {
    expectOneLineError(await gnnjs(...args), pattern);
  });

  it('prints one line and exits non-zero on a missing checkpoint', async () => {
    expectOneLineError(await gnnjs('evaluate', '--checkpoint', join(out, 'missing')), /config\.json: no such file/);
  });

  it('prints one line and exits non-zero on a node out of range', async () => {
    expectOneLineError(await gnnjs('attention', '--checkpoint', out, '--node', '34', '--backend', 'cpu'), /--node 34 is out of range/);
  });

  it('prints one line and exits non-zero when a backend cannot load', async () => {
    // No CUDA build of TensorFlow is installed here (nor on CI).
    expectOneLineError(
      await gnnjs('train', '--dataset', 'karate', '--backend', 'node-gpu', '--epochs', '1'),
      /backend 'node-gpu' is not available/,
    );
  });
});
