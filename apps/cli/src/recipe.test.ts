/**
 * `gnnjs train --recipe gat-paper`: the GAT paper's protocol end to end —
 * early stopping on validation loss and accuracy, the best weights restored
 * before testing and saved as the checkpoint.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, gnnjs, type Result } from './test_support/run_cli.js';

interface Report {
  recipe: string;
  hyperParameters: Record<string, number>;
  runs: Array<{ testAccBestVal: number; valAccBest: number; bestEpoch: number; epochs: number }>;
}

describe('gnnjs train --recipe gat-paper (end to end)', { timeout: 180_000 }, () => {
  let dir: string;
  let run: Result;
  let report: Report;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnnjs-recipe-'));
    run = await gnnjs('train', '--dataset', 'karate', '--recipe', 'gat-paper', '--patience', '10', '--backend', 'cpu', '--out', dir, '--json', '--quiet');
    report = JSON.parse(run.stdout) as Report;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("trains with the paper's settings until 10 epochs bring nothing better", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(report.recipe).toBe('gat-paper');
    expect(report.hyperParameters).toEqual({ lr: 0.005, weightDecay: 5e-4, hidden: 8, heads: 8, outHeads: 1, dropout: 0.6, epochs: 10_000, patience: 10 });
    const [r] = report.runs;
    expect(r!.epochs).toBeLessThan(10_000);
    expect(r!.bestEpoch).toBeLessThanOrEqual(r!.epochs - 10);
  });

  it('saves the restored weights: the checkpoint is of the reported epoch and evaluates to its accuracy', async () => {
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { meta: { epoch: number; hyperParameters: object } };
    const [r] = report.runs;
    expect(config.meta.epoch).toBe(r!.bestEpoch);
    const evaluated = await gnnjs('evaluate', '--checkpoint', dir, '--backend', 'cpu', '--json');
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ epoch: r!.bestEpoch, testAcc: r!.testAccBestVal, valAcc: r!.valAccBest });
  });

  it('refuses the recipe for another model, in one line', async () => {
    expectOneLineError(await gnnjs('train', '--recipe', 'gat-paper', '--model', 'gcn'), /--recipe gat-paper trains GAT only \(got --model gcn\)/);
    expectOneLineError(await gnnjs('train', '--recipe', 'gcn-paper'), /'gcn-paper' is invalid.*pyg-example, gat-paper/);
  });
});
