/**
 * The fraud alerts panel in the system's headless Chromium, on a file in the
 * shape `gnnjs report --json` writes (test/alerts_fixture.ts, known
 * attention): every drawn edge is as wide as its attention and coloured by
 * its relation (read back from cytoscape's own style), one layer's view,
 * the attributions' view, another alert, a node's columns, and a broken file
 * refused with its field named. The real CLI's file is drawn by
 * e2e/src/fraud. Screenshot: artifacts/alerts-panel.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { edgeWidth, type DrawnEdgeStyle } from '../src/neighbourhood_view.js';
import { alertsReport, AT, CT, TC } from './alerts_fixture.js';
import { chromiumMissing, type LaunchedChromium } from './chromium.js';
import { openPlayground, type OpenedPlayground } from './open_playground.js';
import { APP_DIR, type PageServer } from './serve.js';

const missing = chromiumMissing();
const ARTIFACTS = join(APP_DIR, 'artifacts');

async function open(page: Page, name: string, value: unknown): Promise<void> {
  await page.setInputFiles('#alerts-file', { name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
  await page.waitForSelector('#alerts-status[data-state="loaded"], #alerts-status[data-state="error"]');
}

async function drawn(page: Page): Promise<DrawnEdgeStyle[]> {
  return JSON.parse((await page.getAttribute('#alerts-graph', 'data-drawn')) ?? '[]') as DrawnEdgeStyle[];
}

describe.skipIf(missing !== undefined)(skipTitle('fraud alerts panel in Chromium', missing), () => {
  let opened: OpenedPlayground | undefined;
  let server: PageServer;
  let browser: LaunchedChromium;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    opened = await openPlayground();
    ({ server, browser, page, pageErrors } = opened);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 240_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('draws the first alert: edges as wide as their attention, one colour per relation', async () => {
    await open(page, 'alerts.json', alertsReport());
    expect(await page.textContent('#alerts-status')).toBe('alerts.json: 2 alerts · hetero-gat · task fraud · PR-AUC (average precision) 0.271');
    expect(await page.textContent('#alerts-summary')).toBe('tx 10 · score 0.930 · labelled positive · planted pattern: card_testing');
    const edges = await drawn(page);
    expect(edges.map((e) => [e.source, e.target, e.weight])).toEqual([
      ['transactions:6', 'cards:1', 0.3],
      ['transactions:5', 'cards:1', 0.7],
      ['cards:1', 'transactions:10', 1],
    ]);
    for (const e of edges) expect(e.width).toBeCloseTo(edgeWidth(e.weight), 5);
    const colour = new Map(edges.map((e) => [e.relation, e.colour]));
    expect(new Set(colour.values()).size).toBe(2);
    for (const e of edges) expect(e.colour).toBe(colour.get(e.relation));
    expect(await page.getAttribute('#alerts-graph', 'data-nodes')).toBe('4');
    // The legend names each relation drawn, in its colour.
    const legend = await page.$$eval('#alerts-legend li[data-relation]', (items) => items.map((li) => [li.getAttribute('data-relation'), (li.querySelector('.swatch') as HTMLElement).style.background]));
    expect(legend.map(([r]) => r)).toEqual([CT, TC]);
    expect(await page.$$eval('#alerts-view option', (o) => o.map((x) => x.textContent))).toEqual(['Strongest attention paths', 'conv2 attention (into the alert)', 'conv1 attention (2 hops out)', 'Edge attributions (integrated gradients)']);
    expect(await page.$$eval('#alerts-paths tbody tr', (rows) => rows.map((r) => r.textContent))).toEqual(['0.700tx 5 —card_id→ card 1 —rev_card_id→ tx 10', '0.300tx 6 —card_id→ card 1 —rev_card_id→ tx 10', '1.000card 1 —rev_card_id→ tx 10']);
    expect(await page.textContent('#alerts-node')).toBe('tx 10: amount = 2.50 (+0.800)');
    await page.locator('#alerts').screenshot({ path: join(ARTIFACTS, 'alerts-panel.png') });
  });

  it("a layer's view, the attributions' view, a tapped node, the second alert with the same colours", async () => {
    await page.selectOption('#alerts-view', 'layer:conv1');
    expect((await drawn(page)).map((e) => [e.source, e.weight])).toEqual([['transactions:6', 0.3], ['transactions:5', 0.7]]);
    await page.selectOption('#alerts-view', 'attribution');
    expect((await drawn(page)).map((e) => [e.source, e.weight])).toEqual([['transactions:6', 0.5], ['transactions:5', 0.25], ['cards:1', 1]].sort((a, b) => (a[1] as number) - (b[1] as number)));
    await page.selectOption('#alerts-view', 'paths');
    const before = new Map((await drawn(page)).map((e) => [e.relation, e.colour]));
    await page.locator('#alerts-graph').scrollIntoViewIfNeeded();
    // Cytoscape hit-tests what it last rendered (a frame after a redraw): click again until the tap lands.
    for (let attempt = 0; attempt < 5 && !((await page.textContent('#alerts-node')) ?? '').startsWith('card 1'); attempt++) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const at = await page.evaluate(() => (globalThis as unknown as { playground: { alertNodePagePosition(k: string): { x: number; y: number } } }).playground.alertNodePagePosition('cards:1'));
      const [sx, sy] = await page.evaluate(() => [window.scrollX, window.scrollY]);
      await page.mouse.click(at.x - sx!, at.y - sy!);
      await page.waitForFunction(() => document.getElementById('alerts-node')?.textContent?.startsWith('card 1'), undefined, { timeout: 2000 }).catch(() => undefined);
    }
    expect(await page.textContent('#alerts-node')).toBe('card 1: holder_age = -1.00 (-0.200)');
    await page.selectOption('#alerts-alert', '1');
    await page.waitForSelector('#alerts-graph[data-alert="20"]');
    const second = await drawn(page);
    expect(second.map((e) => [e.source, e.target, e.weight]).sort()).toEqual([['accounts:2', 'transactions:20', 0.5], ['cards:3', 'transactions:20', 0.5], ['transactions:7', 'cards:3', 1]]);
    for (const e of second) if (before.has(e.relation)) expect(e.colour).toBe(before.get(e.relation));
    expect(second.find((e) => e.relation === AT)!.colour).not.toBe(before.get(CT));
    expect(await page.textContent('#alerts-summary')).toBe('tx 20 · score 0.710 · not labelled');
  });

  it('a model that reads no graph: the alert alone, and why', async () => {
    const report = alertsReport();
    report.model = 'mlp';
    for (const a of report.alerts) {
      const x = a.explanation.explanation as Partial<typeof a.explanation.explanation>;
      delete x.attention;
      delete x.edges;
      a.explanation.model = 'mlp';
    }
    await open(page, 'mlp.json', report);
    expect(await drawn(page)).toEqual([]);
    expect(await page.getAttribute('#alerts-graph', 'data-nodes')).toBe('1');
    expect(await page.textContent('#alerts-paths tbody')).toBe("mlp reads no graph: the score comes from the row's own columns");
    expect(await page.$$eval('#alerts-view option', (o) => o.length)).toBe(0);
  });

  it('refuses a broken file with the field named, and keeps nothing of it', async () => {
    const report = alertsReport();
    (report.alerts[1]!.explanation.explanation.attention.layers[0]!.edges[0] as { alpha: unknown }).alpha = 'big';
    await open(page, 'broken.json', report);
    expect(await page.getAttribute('#alerts-status', 'data-state')).toBe('error');
    expect(await page.textContent('#alerts-status')).toBe("broken.json: alerts[1].explanation.explanation.attention.layers[0].edges[0].alpha: expected a number, got 'big'");
    expect(await page.$$eval('#alerts-alert option', (o) => o.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('opens ?alerts=URL at start-up, and says why when the URL does not answer', async () => {
    const other = await browser.context.newPage();
    await other.route('**/shared/alerts.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(alertsReport()) }));
    await other.goto(`${server.url}?alerts=shared/alerts.json`);
    await other.waitForSelector('#alerts-status[data-state="loaded"], #alerts-status[data-state="error"]');
    expect(await other.textContent('#alerts-status')).toMatch(/^shared\/alerts\.json: 2 alerts · hetero-gat/);
    await other.waitForSelector('#alerts-graph[data-alert="10"]');
    await other.goto(`${server.url}?alerts=missing.json`);
    await other.waitForSelector('#alerts-status[data-state="error"]');
    expect(await other.textContent('#alerts-status')).toBe('missing.json: could not fetch (HTTP 404)');
    await other.close();
  });
});
