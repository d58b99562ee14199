import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentsFraud, paymentsFolderName } from './payments_fraud.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gnnjs-payments-leftovers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A folder with one half-written table in it, last changed `ageMs` ago (the table) and `folderAgeMs` ago (the folder). */
async function leftover(name: string, ageMs = 0, folderAgeMs = ageMs): Promise<void> {
  const folder = join(root, name);
  await mkdir(folder);
  await writeFile(join(folder, 'transactions.parquet'), 'partial');
  const at = (ms: number): Date => new Date(Date.now() - ms);
  await utimes(join(folder, 'transactions.parquet'), at(ageMs), at(ageMs));
  await utimes(folder, at(folderAgeMs), at(folderAgeMs));
}

describe('temporary folders of killed payments writes', () => {
  it('are removed by the next load when their writer is gone or nothing in them changed for an hour; live ones are kept', async () => {
    const target = paymentsFolderName(0.01, 0, 'parquet');
    // A PID that surely ran and exited: a child we waited for.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const livePid = process.ppid; // runs, and is not this process
    const twoHours = 2 * 3600_000;
    const names = {
      deadWriter: `.${target}.tmp-${deadPid}-1a2b3c4d`,
      deadSwap: `.${target}.tmp-${deadPid}-1a2b3c4d.old`,
      otherDataset: `.payments-v1-scale1-seed7-csv.tmp-${deadPid}-00ff00ff`,
      liveFresh: `.${target}.tmp-${livePid}-5e6f7a8b`,
      liveOld: `.${target}.tmp-${livePid}-9c0d1e2f`,
      liveStillWriting: `.${target}.tmp-${livePid}-0a0b0c0d`,
      notOurs: `.${target}.tmp`,
    };
    await leftover(names.deadWriter);
    await leftover(names.deadSwap);
    await leftover(names.otherDataset);
    await leftover(names.liveFresh);
    await leftover(names.liveOld, twoHours);
    await leftover(names.liveStillWriting, 0, twoHours); // the folder is old, the table in it is being written
    await leftover(names.notOurs, twoHours);

    const data = await PaymentsFraud.load({ root, scale: 0.01, seed: 0 });
    await data.close();
    expect((await readdir(root)).sort()).toEqual([names.liveFresh, names.liveStillWriting, names.notOurs, target].sort());
  }, 120_000);
});
