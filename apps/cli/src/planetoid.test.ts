/**
 * The CLI's data path on a real Planetoid dataset (Cora from the mirror),
 * not only the karate club: what the model trains on is what PyG's examples
 * train on — row-normalised features (`NormalizeFeatures`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gnnjs, type Result } from './test_support/run_cli.js';

describe('gnnjs train --dataset cora (end to end, from the mirror)', { timeout: 180_000 }, () => {
  let dir: string;
  let run: Result;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnnjs-cora-'));
    run = await gnnjs(
      'train', '--dataset', 'cora', '--model', 'gcn', '--backend', 'cpu', '--epochs', '2',
      '--data-root', join(dir, 'data'), '--out', join(dir, 'run'), '--json', '--quiet',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains on row-normalised features, measured on the features (report and checkpoint say so)', async () => {
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { dataset: string; normalizeFeatures: boolean; runs: unknown[] };
    expect(report).toMatchObject({ dataset: 'cora', normalizeFeatures: true });
    expect(report.runs).toHaveLength(1);
    const config = JSON.parse(await readFile(join(dir, 'run', 'config.json'), 'utf8')) as { meta: Record<string, unknown> };
    expect(config.meta).toMatchObject({ dataset: 'cora', numFeatures: 1433, numClasses: 7, normalizeFeatures: true, epoch: 2 });
  });

  it('evaluates its checkpoint on the same normalised data', async () => {
    const r = await gnnjs('evaluate', '--checkpoint', join(dir, 'run'), '--data-root', join(dir, 'data'), '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const trained = JSON.parse(run.stdout) as { runs: Array<{ testAccLast: number }> };
    expect((JSON.parse(r.stdout) as { testAcc: number }).testAcc).toBe(trained.runs[0]?.testAccLast);
  });
});
