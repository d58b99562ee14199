/**
 * Issue 19, items 1, 2 and 5: a data root that can never exist fails within
 * seconds; a cache that cannot be written warns once and the data is
 * returned; temporary files of killed writes are swept.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { loadPlanetoidData } from '../planetoid/load_data.js';
import { listFiles } from '../testing/mirror_copy.js';
import { PLANETOID_MIRROR, tempDir } from '../testing/paths.js';
import type { DatasetWarning } from './warnings.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir('cache-faults');
});
afterEach(async () => {
  await tmp.cleanup();
});

describe('a data root that cannot be created (item 1)', () => {
  it.runIf(process.platform === 'linux')('fails within seconds with a DatasetError naming it, before reading anything', async () => {
    const started = Date.now();
    const error = await loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root: '/proc/gnnjs-x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^the data root \/proc\/gnnjs-x cannot be used: cannot create \/proc\/gnnjs-x \(ENOENT/);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 20_000);

  it('a root below a file fails the same way', async () => {
    await writeFile(join(tmp.dir, 'file'), 'x');
    const root = join(tmp.dir, 'file', 'data');
    await expect(loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root })).rejects.toThrow(
      `the data root ${root} cannot be used: ${join(tmp.dir, 'file')} exists and is not a folder`,
    );
  });
});

describe('a cache that cannot be written (item 2)', () => {
  it('returns the verified data and warns once, through onWarning, naming the folder', async () => {
    // <root>/Cora is a file: the root is fine, the dataset's cache folder cannot exist (root can write anywhere, so no chmod).
    await writeFile(join(tmp.dir, 'Cora'), 'not a folder');
    const warnings: DatasetWarning[] = [];
    const data = await loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root: tmp.dir, onWarning: (w) => warnings.push(w) });
    expect([data.numNodes, data.numEdges]).toEqual([2708, 10556]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'cache-not-written', path: join(tmp.dir, 'Cora', 'raw') });
    expect(warnings[0]!.message).toMatch(
      /^Cora: cannot write the cache in .*Cora\/raw: .*Cora exists and is not a folder; the data was loaded and verified, and will be fetched again next time$/,
    );
    expect(await listFiles(tmp.dir)).toEqual(['Cora']);
  });

  it("without onWarning, warns through Node's process.emitWarning", async () => {
    await writeFile(join(tmp.dir, 'Cora'), 'not a folder');
    const seen: Error[] = [];
    const listener = (w: Error): void => void seen.push(w);
    process.on('warning', listener);
    try {
      await loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root: tmp.dir });
      await new Promise((resolve) => setImmediate(resolve)); // emitWarning delivers on the next tick
    } finally {
      process.off('warning', listener);
    }
    const ours = seen.filter((w) => w.name === 'GnnjsDatasetWarning');
    expect(ours).toHaveLength(1);
    expect((ours[0] as Error & { code?: string }).code).toBe('GNNJS_CACHE_NOT_WRITTEN');
  });
});

describe('temporary files of killed cache writes (item 5)', () => {
  it('are removed on the next load when their writer is gone or they are over an hour old; a live, fresh one is kept', async () => {
    const raw = join(tmp.dir, 'Cora', 'raw');
    await mkdir(raw, { recursive: true });
    // A PID that surely ran and exited: a child we waited for.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const deadWriter = `.ind.cora.x.${deadPid}.${uuid}.tmp`;
    const liveFresh = `.ind.cora.y.${process.ppid}.${uuid}.tmp`;
    const liveOld = `.ind.cora.ty.${process.ppid}.${uuid}.tmp`;
    const notOurs = '.ind.cora.tx.tmp';
    for (const name of [deadWriter, liveFresh, liveOld, notOurs]) await writeFile(join(raw, name), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(raw, liveOld), twoHoursAgo, twoHoursAgo);

    await loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root: tmp.dir });
    const left = await listFiles(raw);
    expect(left.filter((f) => f.startsWith('.'))).toEqual([liveFresh, notOurs].sort());
    expect(left.filter((f) => !f.startsWith('.'))).toHaveLength(8);
  });
});
