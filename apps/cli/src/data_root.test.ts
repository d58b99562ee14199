/**
 * Issue 19, items 1 and 2, through the CLI: a data root that can never exist
 * fails within seconds with one line; a dataset cache that cannot be written
 * costs one warning line, and the run goes on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, gnnjs } from './test_support/run_cli.js';

describe('gnnjs train --data-root', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gnnjs-data-root-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Node 20's recursive mkdir spun at 100 % CPU forever on this path.
  it.runIf(process.platform === 'linux')('exits non-zero within seconds with one line when the root cannot be created', async () => {
    const started = Date.now();
    const r = await gnnjs('train', '--dataset', 'cora', '--backend', 'cpu', '--epochs', '1', '--data-root', '/proc/gnnjs-x');
    expectOneLineError(r, /^gnnjs: the data root \/proc\/gnnjs-x cannot be used: cannot create \/proc\/gnnjs-x \(ENOENT/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('warns once and trains when the cache below the root cannot be written', async () => {
    await writeFile(join(dir, 'Cora'), 'a file where the cache folder would go');
    const r = await gnnjs('train', '--dataset', 'cora', '--backend', 'cpu', '--epochs', '1', '--data-root', dir, '--quiet', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^gnnjs: warning: Cora: cannot write the cache in .*Cora\/raw: .*Cora exists and is not a folder; the data was loaded and verified/),
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ dataset: 'cora' });
  });
});
