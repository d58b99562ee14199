import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, gnnjs } from '../test_support/run_cli.js';

const TABLES = ['accounts', 'cards', 'devices', 'merchants', 'transactions', 'account_churn', 'fraud_truth', 'account_truth'];

describe('gnnjs data generate payments (end to end)', { timeout: 180_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gnnjs-data-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the tables, schemas and manifest; --json prints the manifest, and nothing goes to stderr off a terminal', async () => {
    const out = join(root, 'parquet');
    const r = await gnnjs('data', 'generate', 'payments', '--out', out, '--scale', '0.01', '--seed', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const printed = JSON.parse(r.stdout) as { dir: string; scale: number; seed: number; format: string; rows: Record<string, number> };
    expect(printed).toMatchObject({ dir: out, scale: 0.01, seed: 3, format: 'parquet' });
    expect(printed.rows['accounts']).toBeGreaterThanOrEqual(500); // 500 customers, plus ring and mule accounts
    expect(printed.rows['transactions']).toBeGreaterThan(8000);
    const files = (await readdir(out)).sort();
    expect(files).toEqual([...TABLES.map((t) => `${t}.parquet`), 'dataset.json', 'schema.churn.json', 'schema.json'].sort());
    const { dir: _dir, seconds: _s, ...manifest } = printed as typeof printed & { seconds: number };
    expect(JSON.parse(await readFile(join(out, 'dataset.json'), 'utf8'))).toEqual(manifest);
  });

  it('--format csv --quiet prints only the folder; the same seed gives the same rows', async () => {
    const out = join(root, 'csv');
    const r = await gnnjs('data', 'generate', 'payments', '--out', out, '--scale', '0.01', '--seed', '3', '--format', 'csv', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toBe('');
    const csv = await readFile(join(out, 'transactions.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('id,ts,account_id,card_id,device_id,merchant_id,counterparty_id,amount,channel,category,is_fraud');
    const manifest = JSON.parse(await readFile(join(root, 'parquet', 'dataset.json'), 'utf8')) as { rows: Record<string, number> };
    expect(csv.trim().split('\n').length - 1).toBe(manifest.rows['transactions']);
  });

  it('--format duckdb writes one database file with every table, the same rows, and schemas that point at it', async () => {
    const out = join(root, 'duckdb');
    const r = await gnnjs('data', 'generate', 'payments', '--out', out, '--scale', '0.01', '--seed', '3', '--format', 'duckdb');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`payments.duckdb (every table), schema.json (fraud), schema.churn.json (churn) and dataset.json in ${out}`);
    expect((await readdir(out)).sort()).toEqual(['dataset.json', 'payments.duckdb', 'schema.churn.json', 'schema.json']);
    const schema = JSON.parse(await readFile(join(out, 'schema.json'), 'utf8')) as { source: unknown };
    expect(schema.source).toEqual({ kind: 'duckdb', path: 'payments.duckdb' });
    // The same tables as the Parquet run of the same seed (contents: @gnnjs/datasets' formats.test.ts).
    const rows = (dir: string): Promise<unknown> => readFile(join(dir, 'dataset.json'), 'utf8').then((t) => (JSON.parse(t) as { rows: unknown }).rows);
    expect(await rows(out)).toEqual(await rows(join(root, 'parquet')));
  });

  it('prints a summary by default', async () => {
    const r = await gnnjs('data', 'generate', 'payments', '--out', join(root, 'summary'), '--scale', '0.005');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PaymentsFraud scale 0\.005 .* % labelled fraud\n/);
    expect(r.stdout).toMatch(/ {2}transactions +[\d,]+\n/);
  });

  it('refuses a folder that is not empty in one line, and keeps it', async () => {
    const busy = join(root, 'busy');
    await gnnjs('data', 'generate', 'payments', '--out', busy, '--scale', '0.005', '--quiet');
    await writeFile(join(busy, 'note.txt'), 'mine');
    const r = await gnnjs('data', 'generate', 'payments', '--out', busy, '--scale', '0.005');
    expectOneLineError(r, /^gnnjs: the output folder .*busy is not empty/);
    expect(await readFile(join(busy, 'note.txt'), 'utf8')).toBe('mine');
  });

  it('bad options are one-line usage errors', async () => {
    expectOneLineError(await gnnjs('data', 'generate', 'payments', '--out', join(root, 'x'), '--scale', '20'), /--scale.*expected a number >= 0.002 and <= 10/);
    expectOneLineError(await gnnjs('data', 'generate', 'payments', '--out', join(root, 'x'), '--format', 'xlsx'), /--format.*xlsx.*parquet, csv, duckdb/);
    expectOneLineError(await gnnjs('data', 'generate', 'payments', '--scale', '1'), /required option '--out <dir>'/);
  });
});
