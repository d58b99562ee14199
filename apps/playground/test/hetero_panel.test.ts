/**
 * The heterogeneous panel in the system's headless Chromium: it trains
 * toHetero(GAT) on the synthetic payments graph (wasm) and shows one
 * account's attention per relation: one table per relation into accounts,
 * each row a source of that relation's type, the head coefficients in [0, 1].
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from './chromium.js';
import { openPlayground, type OpenedPlayground } from './open_playground.js';
import { APP_DIR } from './serve.js';

const missing = chromiumMissing();

describe.skipIf(missing !== undefined)('heterogeneous panel in Chromium', () => {
  let opened: OpenedPlayground | undefined;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    opened = await openPlayground();
    ({ page, pageErrors } = opened);
  }, 240_000);

  afterAll(async () => {
    await opened?.close();
  });

  it("trains on the payments graph and shows an account's attention per relation", async () => {
    await page.selectOption('#backend', 'wasm');
    await page.click('#hetero-train');
    await page.waitForSelector('#hetero-status[data-state="done"], #hetero-status[data-state="error"]', { timeout: 280_000 });
    const status = await page.textContent('#hetero-status');
    console.info(`[playground] ${status}`);
    expect(await page.getAttribute('#hetero-status', 'data-state')).toBe('done');
    expect(status).toMatch(/test accuracy \d+\.\d% on the accounts/);
    await page.fill('#hetero-node', '7');
    await page.dispatchEvent('#hetero-node', 'change');
    await page.waitForSelector('#hetero-tables[data-account="7"]');
    const tables = await page.$$eval('#hetero-tables table', (list) =>
      list.map((t) => ({
        relation: t.getAttribute('data-relation'),
        alphas: Array.from(t.querySelectorAll('td[data-alpha]')).map((td) => Number(td.getAttribute('data-alpha'))),
      })),
    );
    expect(tables.map((t) => t.relation).sort()).toEqual(['account__follows__account', 'device__rev_uses__account', 'merchant__rev_pays__account']);
    for (const t of tables) for (const a of t.alphas) expect(a >= 0 && a <= 1).toBe(true);
    expect(await page.textContent('#hetero-info')).toMatch(/^Account 7: class \d, predicted \d/);
    await page.screenshot({ path: join(APP_DIR, 'artifacts', 'hetero-panel.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
