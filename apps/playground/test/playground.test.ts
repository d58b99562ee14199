/**
 * The playground end to end, in the system's headless Chromium: the page
 * reports its backends, trains a GAT on Karate Club on wasm and on WebGPU
 * (SwiftShader without a GPU), draws the chart every epoch, reports the test
 * accuracy, and its attention list sums to 1 per head. Screenshots go to
 * `artifacts/` (and to `docs/screenshot.png` with UPDATE_SCREENSHOT=1).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { chromiumMissing, launchChromium } from './chromium.js';
import { openPlayground, type OpenedPlayground } from './open_playground.js';
import { APP_DIR, type PageServer } from './serve.js';

const missing = chromiumMissing();
const ARTIFACTS = join(APP_DIR, 'artifacts');
const EPOCHS = 30;
const planetoidDir = process.env['PLAYGROUND_PLANETOID_DIR'] ?? resolve(APP_DIR, '../../../shared/datasets/planetoid');
/** On CI (where scripts/setup.sh installs SwiftShader's Vulkan) WebGPU must work. */
const REQUIRE_WEBGPU = process.env['CI'] === 'true' || process.env['PLAYGROUND_REQUIRE_WEBGPU'] === '1';
const haveCora = existsSync(join(planetoidDir, 'ind.cora.graph'));

describe.skipIf(missing !== undefined)(skipTitle('playground in Chromium', missing), () => {
  let opened: OpenedPlayground | undefined;
  let server: PageServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    opened = await openPlayground();
    ({ server, page, pageErrors } = opened);
  }, 240_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('lists the browser backends and explains what auto chose', async () => {
    const backends = await page.$$eval('#backends li', (items) => items.map((li) => ({ name: li.getAttribute('data-backend'), text: li.textContent, works: li.classList.contains('works') })));
    console.info(`[playground] backends: ${backends.map((b) => b.text).join(' | ')}`);
    expect(backends.map((b) => b.name)).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(backends.find((b) => b.name === 'wasm')?.works).toBe(true);
    const auto = await page.textContent('#auto-choice');
    console.info(`[playground] ${auto}`);
    expect(auto).toMatch(/^auto → (webgpu|wasm|cpu)\. Why: .+/);
    expect(await page.isVisible('#error')).toBe(false);
  });

  for (const backend of ['wasm', 'webgpu'] as const) {
    it(`trains GAT on Karate Club with ${backend}, charts every epoch and explains a node's attention`, async (ctx) => {
      await page.selectOption('#dataset', 'karate');
      await page.waitForSelector('#train:enabled');
      await page.waitForSelector('#status[data-state="ready"], #status[data-state="done"]');
      await page.selectOption('#model', 'gat');
      await page.selectOption('#backend', backend);
      await page.fill('#epochs', String(EPOCHS));
      // Record every value the chart's epoch counter takes, to see it redraw per epoch.
      await page.evaluate(() => {
        const chart = document.getElementById('chart')!;
        const seen: number[] = [];
        (globalThis as { chartEpochs?: number[] }).chartEpochs = seen;
        new MutationObserver(() => seen.push(Number(chart.dataset['epochs']))).observe(chart, { attributes: true, attributeFilter: ['data-epochs'] });
      });
      const tensorsBefore = await numTensors(page);
      const started = Date.now();
      await page.click('#train');
      await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 280_000 });
      const state = await page.getAttribute('#status', 'data-state');
      if (state === 'error') {
        const shown = await page.textContent('#error');
        await page.screenshot({ path: join(ARTIFACTS, `karate-gat-${backend}-error.png`), fullPage: true });
        // A failure must be shown in the page …
        expect(await page.isVisible('#error')).toBe(true);
        expect(shown).toBeTruthy();
        // … and is accepted only for a WebGPU that the page already reported missing, off CI:
        // then the test is skipped with the page's reason (a skip, not a pass).
        const webgpuMissing = await page.$eval('#backends li[data-backend="webgpu"]', (li) => li.classList.contains('fails'));
        if (backend === 'webgpu' && webgpuMissing && !REQUIRE_WEBGPU) {
          expect(shown).toMatch(/BackendUnavailableError: .*webgpu/);
          ctx.skip(`WebGPU does not work in this Chromium; the page says: ${shown?.trim()} (PLAYGROUND_REQUIRE_WEBGPU=1 fails instead)`);
        }
        throw new Error(`training on ${backend} failed; the page shows: ${shown}`);
      }
      console.info(`[playground] ${backend}: ${EPOCHS} epochs in ${((Date.now() - started) / 1000).toFixed(1)} s; ${await page.textContent('#m-time')}`);

      expect(await numTensors(page), 'tensors left after the run').toBe(tensorsBefore);

      const epochsSeen = await page.evaluate(() => (globalThis as { chartEpochs?: number[] }).chartEpochs ?? []);
      expect(epochsSeen.filter((n, i) => n > 0 && n === (epochsSeen[i - 1] ?? 0) + 1)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
      expect(await page.getAttribute('#chart', 'data-epochs')).toBe(String(EPOCHS));

      const finalText = await page.textContent('#final-result');
      console.info(`[playground] ${backend}: ${finalText}`);
      expect(finalText).toMatch(/^Test accuracy: \d+\.\d% \(epoch \d+, best validation\).*· (webgpu|wasm)$/);
      expect(finalText).toContain(backend);
      const testAcc = Number(await page.getAttribute('#final-result', 'data-test-acc'));
      expect(testAcc).toBeGreaterThanOrEqual(0);
      expect(testAcc).toBeLessThanOrEqual(1);

      // Click node 33 (the club's president) where cytoscape drew it.
      const position = await page.evaluate(() => (globalThis as unknown as { playground: { nodePagePosition(n: number): { x: number; y: number } | undefined } }).playground.nodePagePosition(33));
      expect(position).toBeDefined();
      await page.mouse.click(position!.x, position!.y);
      await page.waitForSelector('#attention-table[data-node="33"]');
      for (const layer of ['0', '1']) {
        await page.selectOption('#layer', layer);
        const { heads, sums, rows } = await attentionSums(page);
        expect(heads).toBe(layer === '0' ? 8 : 1);
        // Node 33 has 17 neighbours plus its self-loop.
        expect(rows).toBe(18);
        expect(sums).toHaveLength(heads);
        for (const s of sums) expect(s).toBeCloseTo(1, 4);
      }
      await page.selectOption('#layer', '0');
      await page.screenshot({ path: join(ARTIFACTS, `karate-gat-${backend}.png`), fullPage: true });
      expect(await page.isVisible('#error')).toBe(false);
      if (backend === 'wasm' && process.env['UPDATE_SCREENSHOT'] === '1') await saveReadmeScreenshot(page);
    }, 300_000);
  }

  it('stops a run on Stop and still explains the model it has', async () => {
    await page.selectOption('#backend', 'wasm');
    await page.fill('#epochs', '1000');
    const tensorsBefore = await numTensors(page);
    await page.click('#train');
    await page.waitForFunction(() => Number(document.getElementById('chart')!.dataset['epochs']) >= 3);
    await page.click('#stop');
    await page.waitForSelector('#status[data-state="stopped"]', { timeout: 60_000 });
    const epochs = Number(await page.getAttribute('#chart', 'data-epochs'));
    expect(epochs).toBeGreaterThanOrEqual(3);
    expect(epochs).toBeLessThan(1000);
    expect(await page.textContent('#status')).toBe(`Stopped after ${epochs} epochs on wasm.`);
    expect(await page.textContent('#final-result')).toMatch(/^Test accuracy: /);
    expect(Number(await page.getAttribute('#attention-table', 'data-heads'))).toBe(8);
    expect(await numTensors(page)).toBe(tensorsBefore);
  }, 120_000);

  it.skipIf(!haveCora)(skipTitle('loads Cora from the served Planetoid files and draws a neighbourhood', haveCora ? undefined : `no ind.cora.graph in ${planetoidDir} (PLAYGROUND_PLANETOID_DIR)`), async () => {
    await page.selectOption('#dataset', 'cora');
    await page.waitForSelector('#status[data-state="ready"], #status[data-state="error"]', { timeout: 120_000 });
    expect(await page.textContent('#error')).toBe('');
    expect(await page.textContent('#explorer-hint')).toContain('2708 nodes');
    const drawn = Number(await page.getAttribute('#graph', 'data-nodes'));
    expect(drawn).toBeGreaterThan(1);
    expect(drawn).toBeLessThanOrEqual(100);
  }, 180_000);

  it('shows a missing dataset file in the page', async () => {
    await page.selectOption('#dataset', 'cora');
    await page.waitForSelector('#status:not([data-state="loading"])');
    await page.fill('#planetoid-url', 'data/no-such-folder/');
    await page.dispatchEvent('#planetoid-url', 'change');
    await page.waitForSelector('#status[data-state="error"]', { timeout: 60_000 });
    const shown = await page.textContent('#error');
    console.info(`[playground] missing files: ${shown}`);
    expect(await page.isVisible('#error')).toBe(true);
    expect(shown).toMatch(/Cora could not be loaded from http:\/\/127\.0\.0\.1:\d+\/data\/no-such-folder\/.*ind\.cora\.x.*404/);
  }, 120_000);

  it('says so in the page when the browser has no WebGPU and webgpu is picked', async () => {
    const noGpu = await launchChromium({ webgpu: false });
    try {
      const other = await noGpu.context.newPage();
      await other.goto(server.url);
      await other.waitForSelector('#status[data-state="ready"]', { timeout: 120_000 });
      const webgpu = await other.$eval('#backends li[data-backend="webgpu"]', (li) => ({ text: li.textContent, fails: li.classList.contains('fails') }));
      console.info(`[playground] without WebGPU: ${webgpu.text} | ${await other.textContent('#auto-choice')}`);
      expect(webgpu.fails).toBe(true);
      expect(webgpu.text).toMatch(/^webgpu: (this browser has no navigator\.gpu|navigator\.gpu\.requestAdapter\(\) gave no adapter)/);
      expect(await other.textContent('#auto-choice')).toMatch(/^auto → wasm\. Why: .*webgpu does not initialise here/);
      await other.selectOption('#backend', 'webgpu');
      await other.fill('#epochs', '2');
      await other.click('#train');
      await other.waitForSelector('#status[data-state="error"]', { timeout: 60_000 });
      expect(await other.isVisible('#error')).toBe(true);
      expect(await other.textContent('#error')).toMatch(/^BackendUnavailableError: .*webgpu/);
      await other.screenshot({ path: join(ARTIFACTS, 'no-webgpu.png'), fullPage: true });
    } finally {
      await noGpu.close();
    }
  }, 180_000);

  it('raised no uncaught page error', () => {
    expect(pageErrors).toEqual([]);
  });
});

if (!haveCora) console.warn(`[playground] SKIPPING the Cora e2e step: no ind.cora.* files in ${planetoidDir} (set PLAYGROUND_PLANETOID_DIR)`);

function numTensors(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { playground: { numTensors(): number } }).playground.numTensors());
}

async function attentionSums(page: Page): Promise<{ heads: number; sums: number[]; rows: number }> {
  return page.$eval('#attention-table', (table) => {
    const heads = Number(table.getAttribute('data-heads'));
    const rows = table.querySelectorAll('tbody tr');
    const sums = Array.from({ length: heads }, (_, h) =>
      Array.from(rows).reduce((sum, row) => sum + Number(row.querySelector(`td[data-head="${h}"]`)?.getAttribute('data-alpha') ?? NaN), 0),
    );
    return { heads, sums, rows: rows.length };
  });
}

/** The README's picture: a longer wasm run (attention has moved away from uniform by then). */
async function saveReadmeScreenshot(page: Page): Promise<void> {
  await page.fill('#epochs', '200');
  await page.click('#train');
  await page.waitForSelector('#status[data-state="done"]', { timeout: 120_000 });
  const position = await page.evaluate(() => (globalThis as unknown as { playground: { nodePagePosition(n: number): { x: number; y: number } | undefined } }).playground.nodePagePosition(33));
  await page.mouse.click(position!.x, position!.y);
  await page.waitForSelector('#attention-table[data-node="33"]');
  await page.screenshot({ path: join(APP_DIR, 'docs', 'screenshot.png'), fullPage: true });
}
