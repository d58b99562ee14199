import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MissingPackageError } from '../../errors.js';
import { generatePayments } from '../generate.js';
import { importDuckDB } from './duckdb.js';
import { writePaymentsDataset } from './write.js';

// As Node reports a package that is not installed: @duckdb/node-api is "missing" in this file.
vi.mock('@duckdb/node-api', () => {
  throw Object.assign(new Error("Cannot find package '@duckdb/node-api' imported from /app/node_modules/@gnnjs/datasets/dist/payments/node/duckdb.js"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
});

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gnnjs-payments-no-duckdb-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('@duckdb/node-api is an optional peer dependency', () => {
  it('writePaymentsDataset without it: a MissingPackageError naming the package, nothing written', async () => {
    const tables = generatePayments({ scale: 0.01, seed: 0 });
    const error = await writePaymentsDataset(tables, join(root, 'payments')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect((error as MissingPackageError).packageName).toBe('@duckdb/node-api');
    expect((error as Error).message).toBe(
      'writePaymentsDataset needs @duckdb/node-api, an optional peer dependency of @gnnjs/datasets, which is not installed. ' +
        'Install it beside @gnnjs/datasets: `npm install @duckdb/node-api`.',
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('an installed DuckDB whose native binary fails to load says so', async () => {
    const broken = importDuckDB('writePaymentsDataset', () => Promise.reject(new Error("Cannot find package '@duckdb/node-bindings-linux-x64'\nstack")));
    await expect(broken).rejects.toThrow(
      "writePaymentsDataset needs @duckdb/node-api, which failed to load (Cannot find package '@duckdb/node-bindings-linux-x64'). Install it beside @gnnjs/datasets: `npm install @duckdb/node-api`.",
    );
  });
});
