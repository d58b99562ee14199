/**
 * @gnnjs/relational in a real browser: headless Chromium runs the browser
 * entry on DuckDB-Wasm over CSV files and must build the very graph the Node
 * entry builds on native DuckDB from the same files (whole graph and the
 * training snapshot of a temporal split). Parquet in DuckDB-Wasm is an
 * extension fetched from the network on first use: offline it is a typed
 * error naming the extension.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NodeDuckDBEngine, openDatabase, type RelationalSchema } from '@gnnjs/relational';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';
import type { RelationalTestApi } from './page.js';
import { serveRelationalPage, type PageServer } from './serve_relational_page.js';
import { summarize, type GraphSummary } from './summary.js';

const missing = chromiumMissing();

const TABLES = {
  accounts: `SELECT * FROM (VALUES (30, 'retail', 100.0, TIMESTAMP '2023-01-15 10:00:00'), (10, 'business', NULL, TIMESTAMP '2022-06-01 00:00:00'),
    (20, 'retail', 300.0, TIMESTAMP '2024-03-01 00:00:00')) t(id, kind, balance, opened_at)`,
  transactions: `SELECT * FROM (VALUES (1, 10, TIMESTAMP '2024-01-01 08:00:00', 10.0, 'web', false), (2, 20, TIMESTAMP '2024-01-02 12:00:00', 20.0, 'pos', false),
    (3, 30, TIMESTAMP '2024-01-03 18:00:00', 30.0, 'web', true), (4, 10, TIMESTAMP '2024-02-01 09:00:00', 1000.0, 'atm', true),
    (5, 20, TIMESTAMP '2024-03-01 10:00:00', 5000.0, 'pos', false)) t(id, account_id, ts, amount, channel, is_fraud)`,
};

const schema = (kind: 'csv' | 'parquet', path: (file: string) => string): RelationalSchema => ({
  tables: {
    accounts: { primaryKey: 'id', source: { kind, path: path(`accounts.${kind}`) } },
    transactions: { primaryKey: 'id', time: 'ts', foreignKeys: { account_id: 'accounts' }, source: { kind, path: path(`transactions.${kind}`) } },
  },
  target: { table: 'transactions', column: 'is_fraud', task: 'binary' },
});
const SPLIT = { train: '2024-01-31', val: '2024-02-28', test: '2024-03-31' };
const FILES = ['accounts.csv', 'transactions.csv', 'accounts.parquet', 'transactions.parquet'];

describe.skipIf(missing !== undefined)(skipTitle('@gnnjs/relational in Chromium (DuckDB-Wasm)', missing), () => {
  let dir: string;
  let server: PageServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-browser-'));
    const engine = await NodeDuckDBEngine.create({ threads: 1 });
    for (const [name, sql] of Object.entries(TABLES)) {
      await engine.run(`COPY (${sql}) TO '${join(dir, `${name}.csv`)}' (FORMAT csv, HEADER)`);
      await engine.run(`COPY (${sql}) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`);
    }
    await engine.close();
    server = await serveRelationalPage(dir);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => 'relationalTest' in globalThis);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const inBrowser = (kind: 'csv' | 'parquet', split?: typeof SPLIT) =>
    page.evaluate(
      ([files, s, sp]) => (globalThis as unknown as { relationalTest: RelationalTestApi }).relationalTest.load(files, s, sp),
      [FILES, schema(kind, (file) => file), split] as const,
    );

  const inNode = async (split?: typeof SPLIT) => {
    const db = await openDatabase(schema('csv', (file) => join(dir, file)), { threads: 1 });
    try {
      return summarize(split === undefined ? await db.toGraph() : (await db.split(split)).train.graph);
    } finally {
      await db.close();
    }
  };

  it('builds the same graph as Node from the same CSV files', async () => {
    const browserGraph = (await inBrowser('csv')) as GraphSummary;
    expect(browserGraph.nodes['transactions']!.numNodes).toBe(5);
    expect(browserGraph.edges[0]).toMatchObject({ type: 'transactions account_id accounts', src: [0, 1, 2, 3, 4], dst: [0, 1, 2, 0, 1] });
    expect(browserGraph).toEqual(await inNode());
  }, 120_000);

  it('and the same training snapshot of a temporal split', async () => {
    const browserSnapshot = (await inBrowser('csv', SPLIT)) as GraphSummary;
    expect(browserSnapshot.edges[0]!.src).toEqual([0, 1, 2]);
    expect(browserSnapshot).toEqual(await inNode(SPLIT));
  }, 120_000);

  it('Parquet without network access is a MissingExtensionError naming parquet', async () => {
    expect(await inBrowser('parquet')).toMatchObject({ error: 'MissingExtensionError', extension: 'parquet' });
  }, 120_000);
});
