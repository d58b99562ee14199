import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, gnnjs } from './test_support/run_cli.js';

interface PaymentsJson {
  dataset: string;
  task: string;
  model: string;
  backend: string;
  runs: Array<{ seed: number; bestEpoch: number; epochs: number; msPerEpoch: number; test: Record<string, number>; val: Record<string, number> }>;
  mean: Record<string, number>;
  std: Record<string, number>;
}

const withoutTimes = (runs: PaymentsJson['runs']): unknown => runs.map(({ msPerEpoch: _ms, ...rest }) => rest);

// A small generated dataset (scale 0.005: about 5 000 transactions) in a temp data root.
describe('gnnjs train --dataset payments-fraud, explain, report (end to end)', { timeout: 600_000 }, () => {
  let dir: string;
  let out: string;
  let trained: PaymentsJson;
  const data = (): string[] => ['--scale', '0.005', '--data-root', join(dir, 'data')];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnnjs-fraud-'));
    out = join(dir, 'run');
    const r = await gnnjs('train', '--dataset', 'payments-fraud', '--model', 'hetero-gat', ...data(), '--epochs', '2', '--seeds', '0,1', '--backend', 'cpu', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    trained = JSON.parse(r.stdout) as PaymentsJson;
  }, 600_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('train --json: one run per seed with test PR-AUC and recall@1%, mean and std over them', () => {
    expect(trained).toMatchObject({ dataset: 'payments-fraud', task: 'fraud', model: 'hetero-gat', backend: 'cpu' });
    expect(trained.runs.map((r) => r.seed)).toEqual([0, 1]);
    for (const r of trained.runs) {
      expect(r.epochs).toBe(2);
      expect(r.test['prAuc']).toBeGreaterThan(0);
      expect(r.test['recallAtBudget']).toBeGreaterThanOrEqual(0);
    }
    const pr = trained.runs.map((r) => r.test['prAuc']!);
    expect(trained.mean['prAuc']).toBeCloseTo((pr[0]! + pr[1]!) / 2, 12);
    expect(trained.std['prAuc']).toBeCloseTo(Math.abs(pr[0]! - pr[1]!) / 2, 12);
  });

  it('train --out: a checkpoint per seed (the best epoch by validation PR-AUC), metrics and history', async () => {
    const config = JSON.parse(await readFile(join(out, 'seed-0', 'config.json'), 'utf8')) as { format: string; meta: Record<string, unknown> };
    expect(config.format).toBe('gnnjs-checkpoint');
    expect(config.meta).toMatchObject({ dataset: 'payments-fraud', task: 'fraud', model: 'hetero-gat', seed: 0, epoch: trained.runs[0]!.bestEpoch, data: { scale: 0.005, seed: 0 } });
    const csv = (await readFile(join(out, 'seed-1', 'history.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,val_pr_auc,val_roc_auc,val_recall_at_1pct,ms');
    expect(csv).toHaveLength(3);
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')) as PaymentsJson;
    expect(withoutTimes(metrics.runs)).toEqual(withoutTimes(trained.runs));
  });

  it('repeats exactly with the same seed on the cpu backend', async () => {
    const r = await gnnjs('train', '--dataset', 'payments-fraud', '--model', 'hetero-gat', ...data(), '--epochs', '2', '--seeds', '1', '--backend', 'cpu', '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(withoutTimes((JSON.parse(r.stdout) as PaymentsJson).runs)).toEqual(withoutTimes(trained.runs.slice(1)));
  });

  it('report: the test metrics of training, the top alerts, and an HTML report with an SVG per alert', async () => {
    const r = await gnnjs('report', '--checkpoint', join(out, 'seed-0'), '--top', '2', '--steps', '4', '--backend', 'cpu', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`PR-AUC (average precision)   ${trained.runs[0]!.test['prAuc']!.toFixed(3)}`);
    const file = join(out, 'seed-0', 'alert-report.html');
    expect(r.stdout).toContain(`alert report: ${file}`);
    const html = await readFile(file, 'utf8');
    expect(html.match(/<svg [^>]*class="neighbourhood"/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('explain: score, two-hop attention paths, neighbours per layer, feature and edge attributions, agreement', async () => {
    const top = await gnnjs('report', '--checkpoint', join(out, 'seed-0'), '--top', '1', '--steps', '4', '--backend', 'cpu', '--json', '--out', join(dir, 'one.html'));
    expect(top.code, top.stderr).toBe(0);
    const id = (JSON.parse(top.stdout) as { alerts: Array<{ id: number; score: number }> }).alerts[0]!;
    const json = await gnnjs('explain', '--checkpoint', join(out, 'seed-0'), '--transaction', String(id.id), '--steps', '4', '--backend', 'cpu', '--json');
    expect(json.code, json.stderr).toBe(0);
    const x = JSON.parse(json.stdout) as {
      target: unknown;
      split: string;
      score: number;
      explanation: { attention: { paths: Array<{ nodes: unknown[] }>; layers: Array<{ layer: string }> }; features: { top: unknown[] }; edges: { agreement: { scope: string; layer: string } } };
    };
    expect(x.target).toEqual({ type: 'transactions', id: id.id });
    expect(x.split).toBe('test');
    expect(x.score).toBeCloseTo(id.score, 5);
    expect(x.explanation.attention.paths.some((p) => p.nodes.length === 3)).toBe(true);
    expect(x.explanation.attention.layers.map((l) => l.layer)).toEqual(['conv2', 'conv1']);
    expect(x.explanation.edges.agreement).toMatchObject({ scope: 'two-hop', layer: 'conv1' });
    const text = await gnnjs('explain', '--checkpoint', join(out, 'seed-0'), '--transaction', String(id.id), '--steps', '4', '--backend', 'cpu');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^transactions ${id.id} \\(test period\\) · hetero-gat · task fraud\\nscore ${id.score.toFixed(3)}`));
    for (const heading of ['Strongest attention paths', 'Top neighbours per layer and relation', 'Feature attributions (integrated gradients', 'Edges by integrated gradients', 'Agreement on the', 'Note: ']) {
      expect(text.stdout).toContain(heading);
    }
  });

  it.each([
    [['train', '--dataset', 'karate', '--model', 'hetero-gat'], /--model hetero-gat trains on --dataset payments-fraud only/],
    [['train', '--dataset', 'karate', '--task', 'churn'], /--task applies to --dataset payments-fraud only/],
    [['train', '--dataset', 'payments-fraud', '--model', 'gcn'], /trains hetero-gat, hetero-gatv2, hgt, mlp or gat-flat \(got --model gcn\)/],
    [['train', '--dataset', 'payments-fraud', '--hidden', '30', '--heads', '4'], /--hidden \(30\) must be divisible by --heads \(4\)/],
    [['train', '--dataset', 'payments-fraud', '--seeds', '0,0'], /--seeds.*distinct/],
    [['explain', '--checkpoint', 'nowhere', '--transaction', '1'], /nowhere\/config\.json: no such file/],
  ])('%j: one line, non-zero exit', async (args, pattern) => {
    expectOneLineError(await gnnjs(...args), pattern);
  });

  it('explain: one line for a transaction of no split, and for neither --transaction nor --row', async () => {
    expectOneLineError(await gnnjs('explain', '--checkpoint', join(out, 'seed-0'), '--transaction', '99999999', '--backend', 'cpu'), /transactions 99999999 is not a row of any split/);
    expectOneLineError(await gnnjs('explain', '--checkpoint', join(out, 'seed-0'), '--backend', 'cpu'), /give exactly one of --transaction <id> or --row <id>/);
    expect(existsSync(join(out, 'seed-0', 'weights.json'))).toBe(true);
  });
});
