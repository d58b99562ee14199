import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelationalSchema } from '@gnnjs/relational';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MissingPackageError } from '../../errors.js';
import { paymentsSchema } from '../schema.js';
import { PaymentsFraud } from './payments_fraud.js';
import { importRelational, isMissingPackage } from './relational.js';

// As Node reports a package that is not installed: @gnnjs/relational is "missing" in this file.
vi.mock('@gnnjs/relational', () => {
  throw Object.assign(new Error("Cannot find package '@gnnjs/relational' imported from /app/node_modules/@gnnjs/datasets/dist/payments/node/relational.js"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
});

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gnnjs-payments-no-relational-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('@gnnjs/relational is an optional peer dependency', () => {
  it('PaymentsFraud.load without it: a MissingPackageError naming the package, before generating anything', async () => {
    const error = await PaymentsFraud.load({ root, scale: 0.01, seed: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect((error as MissingPackageError).packageName).toBe('@gnnjs/relational');
    expect((error as Error).message).toBe(
      'PaymentsFraud.load needs @gnnjs/relational, an optional peer dependency of @gnnjs/datasets, which is not installed. ' +
        'Install it beside @gnnjs/datasets: `npm install @gnnjs/relational`.',
    );
    expect(await readdir(root)).toEqual([]);
  });

  it("reads Node's own error for a package that does not resolve", async () => {
    const absent = '@gnnjs/relational-absent';
    const error = await import(/* @vite-ignore */ absent).catch((e: unknown) => e);
    expect(isMissingPackage(error, absent)).toBe(true);
    expect(isMissingPackage(error, '@gnnjs/relational')).toBe(false);
    expect(isMissingPackage(new Error('Failed to resolve import "@gnnjs/relational" from "src/x.ts"'), '@gnnjs/relational')).toBe(true);
    expect(isMissingPackage(new Error("Cannot find module '@gnnjs/relational/dist/index.js'"), '@gnnjs/relational')).toBe(true);
  });

  it('an installed package that fails to load says so', async () => {
    const broken = importRelational('PaymentsFraud.load', () => Promise.reject(new Error("Cannot find package '@duckdb/node-bindings-linux-x64'\nstack")));
    await expect(broken).rejects.toThrow(MissingPackageError);
    await expect(broken).rejects.toThrow(
      "PaymentsFraud.load needs @gnnjs/relational, which failed to load (Cannot find package '@duckdb/node-bindings-linux-x64'). Install it beside @gnnjs/datasets: `npm install @gnnjs/relational`.",
    );
  });

  it("the payments schemas are @gnnjs/relational's RelationalSchema (checked by typecheck)", () => {
    const schemas: RelationalSchema[] = [paymentsSchema('fraud'), paymentsSchema('churn', 'csv')];
    expect(schemas.map((s) => s.target?.column)).toEqual(['is_fraud', 'churn']);
  });
});
