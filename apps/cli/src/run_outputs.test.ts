import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, gnnjs } from './test_support/run_cli.js';

// Issue 19, items 3 and 4: what --out and --checkpoint survive.
const train = (dir: string, ...extra: string[]) =>
  gnnjs('train', '--dataset', 'karate', '--backend', 'cpu', '--quiet', '--json', '--out', dir, ...extra);

/** Rewrites a checkpoint's weights.json through `edit`, optionally fixing the checksum in config.json. */
async function tamper(dir: string, edit: (weights: Record<string, { data: number[] }>) => string, fixChecksum: boolean): Promise<void> {
  const text = edit(JSON.parse(await readFile(join(dir, 'weights.json'), 'utf8')) as Record<string, { data: number[] }>);
  await writeFile(join(dir, 'weights.json'), text);
  if (!fixChecksum) return;
  const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { weights: { sha256: string } };
  config.weights.sha256 = createHash('sha256').update(text).digest('hex');
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
}

describe('gnnjs train --out and evaluate --checkpoint (end to end)', { timeout: 300_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gnnjs-outputs-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a corrupted checkpoint: one weight replaced by 1e309, or a digit flipped', async () => {
    const dir = join(root, 'corrupt');
    expect((await train(dir, '--model', 'gat', '--epochs', '3')).code).toBe(0);
    await tamper(dir, (w) => JSON.stringify(w).replace(/"conv1\.bias":\{"shape":\[64\],"data":\[[^,]+/, '"conv1.bias":{"shape":[64],"data":[1e309'), true);
    expectOneLineError(await gnnjs('evaluate', '--checkpoint', dir, '--backend', 'cpu'), /weights\.json: entry 'conv1\.bias' value Infinity at flat index 0 is not a finite number/);
    expect((await train(dir, '--model', 'gat', '--epochs', '3')).code).toBe(0);
    await tamper(dir, (w) => JSON.stringify(w).replace(/"conv2\.bias":\{"shape":\[4\],"data":\[-?\d/, (m) => m.slice(0, -1) + String((Number(m.slice(-1)) + 1) % 10)), false);
    expectOneLineError(await gnnjs('evaluate', '--checkpoint', dir, '--backend', 'cpu'), /weights\.json: checksum mismatch/);
  });

  it("says a custom model's checkpoint is not one of gnnjs train", async () => {
    const dir = join(root, 'custom');
    await mkdir(dir);
    const weights = '{"w":{"shape":[1],"data":[1]}}\n';
    const config = {
      format: 'gnnjs-checkpoint',
      version: 2,
      weights: { file: 'weights.json', sha256: createHash('sha256').update(weights).digest('hex'), shapes: { w: [1] } },
      meta: { note: 'my own model' },
    };
    await writeFile(join(dir, 'weights.json'), weights);
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    expectOneLineError(await gnnjs('evaluate', '--checkpoint', dir, '--backend', 'cpu'), /config\.json: not a checkpoint of gnnjs train: meta names no known dataset \(null\)/);
  });

  it('refuses another configuration or foreign files unless --overwrite, and removes what the new run does not write', async () => {
    const dir = join(root, 'switch');
    expect((await train(dir, '--model', 'gat', '--epochs', '3')).code).toBe(0);
    expect(existsSync(join(dir, 'attention.json'))).toBe(true);
    // The same configuration again replaces its own run.
    expect((await train(dir, '--model', 'gat', '--epochs', '3')).code).toBe(0);
    expectOneLineError(await train(dir, '--model', 'gcn', '--epochs', '3'), /--out .*switch holds a run of another configuration \(model "gat", not "gcn"; .*\); pass --overwrite/);
    expectOneLineError(await train(dir, '--model', 'gat', '--epochs', '4'), /another configuration \(hyperParameters\.epochs 3, not 4\)/);
    expect(existsSync(join(dir, 'attention.json'))).toBe(true);
    const replaced = await train(dir, '--model', 'gcn', '--epochs', '3', '--overwrite');
    expect(replaced.code, replaced.stderr).toBe(0);
    // GCN has no attention: the GAT run's attention.json is gone.
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'gnnjs-run.json', 'history.csv', 'history.svg', 'metrics.json', 'weights.json']);
    // Two runs, then one: the seed folders go, the top level is one run again.
    expect((await train(dir, '--model', 'gcn', '--epochs', '3', '--runs', '2', '--overwrite')).code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['gnnjs-run.json', 'metrics.json', 'seed-0', 'seed-1']);
    expect((await train(dir, '--model', 'gcn', '--epochs', '3', '--overwrite')).code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'gnnjs-run.json', 'history.csv', 'history.svg', 'metrics.json', 'weights.json']);

    const foreign = join(root, 'foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'notes.txt'), 'mine');
    expectOneLineError(await train(foreign, '--model', 'gcn', '--epochs', '2'), /holds files gnnjs train did not write \(notes\.txt\)/);
    expect((await train(foreign, '--model', 'gcn', '--epochs', '2', '--overwrite')).code).toBe(0);
    expect(await readFile(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses while another live process holds the lock, and takes over a dead one', async () => {
    const dir = join(root, 'locked');
    await mkdir(dir);
    const lock = join(dir, '.gnnjs-train.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: 'now' }));
    expectOneLineError(await train(dir, '--model', 'gcn', '--epochs', '2'), new RegExp(`being written by another gnnjs train \\(process ${process.pid} on `));
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('close', r));
    await writeFile(lock, JSON.stringify({ pid: dead.pid, host: hostname(), since: 'then' }));
    const r = await train(dir, '--model', 'gcn', '--epochs', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('four concurrent trainings into one --out: one run wins whole, the others refuse, nothing interleaves', async () => {
    const dir = join(root, 'concurrent');
    // Different seeds, so that files of different runs would be told apart.
    const results = await Promise.all([0, 1, 2, 3].map((seed) => train(dir, '--model', 'gat', '--epochs', '150', '--seed', String(seed))));
    const winners = results.flatMap((r, seed) => (r.code === 0 ? [seed] : []));
    expect(winners, results.map((r) => r.stderr).join('\n')).toHaveLength(1);
    const locked = /is being written by another gnnjs train/;
    for (const r of results.filter((x) => x.code !== 0)) expectOneLineError(r, new RegExp(`${locked.source}|holds a run of another configuration`));
    // They did run at the same time (started together, a training takes about a second): the lock refused some.
    expect(results.filter((r) => locked.test(r.stderr)).length).toBeGreaterThan(0);
    const seed = winners[0]!;
    const report = JSON.parse(results[seed]!.stdout) as { runs: Array<{ seed: number; testAccLast: number }> };
    const metrics = JSON.parse(await readFile(join(dir, 'metrics.json'), 'utf8')) as { runs: Array<{ seed: number; testAccLast: number }> };
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { meta: { seed: number; epoch: number } };
    expect(metrics.runs.map((x) => x.seed)).toEqual([seed]);
    expect(config.meta).toMatchObject({ seed, epoch: 150 });
    expect((await readFile(join(dir, 'history.csv'), 'utf8')).trim().split('\n')).toHaveLength(151);
    // The checkpoint is whole and is the winner's.
    const evaluated = await gnnjs('evaluate', '--checkpoint', dir, '--backend', 'cpu', '--json');
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect((JSON.parse(evaluated.stdout) as { testAcc: number }).testAcc).toBe(report.runs[0]?.testAccLast);
    // No lock and no temporary file left behind.
    expect((await readdir(dir)).filter((n) => n.startsWith('.') || n.endsWith('.tmp'))).toEqual([]);
  });
});
