/** Issue 19, item 1, for the payments cache: a folder that can never be created fails within seconds instead of hanging. */
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../errors.js';
import { generatePayments } from '../generate.js';
import { writePaymentsDataset } from './write.js';

describe('writePaymentsDataset', () => {
  // Node 20's mkdir(…, { recursive: true }) spins forever on this path.
  it.runIf(process.platform === 'linux')('fails within seconds with a DatasetError naming a folder that cannot be created (/proc)', async () => {
    const tables = generatePayments({ scale: 0.002, seed: 1 });
    const started = Date.now();
    const error = await writePaymentsDataset(tables, '/proc/gnnjs-x/payments').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^cannot create \/proc\/gnnjs-x \(ENOENT/);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);
});
