/**
 * The fraud pipeline through the built CLI, as `pnpm fraud` runs it (smaller):
 * `gnnjs train --dataset payments-fraud` writes a checkpoint, `gnnjs
 * explain` explains one transaction as JSON, and `gnnjs report` writes the
 * alert report, which must render in headless Chromium: every alert's
 * neighbourhood drawn (SVG with visible edges and nodes), no page error,
 * nothing fetched. The screenshot is left in the temp folder for a person to
 * look at (its path is printed).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnKey } from '@gnnjs/train';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';
import { servePlayground } from '../support/playground.js';

const missing = chromiumMissing();
const cli = join(dirname(createRequire(import.meta.url).resolve('@gnnjs/cli/package.json')), 'dist', 'cli.js');

function gnnjs(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(missing !== undefined)(skipTitle('fraud: train, explain and the alert report in Chromium', missing), { timeout: 600_000 }, () => {
  let dir: string;
  let browser: Browser | undefined;
  let report: string;
  let alertsJson: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gnnjs-fraud-e2e-'));
    const run = join(dir, 'run');
    const common = ['--backend', 'cpu', '--quiet'];
    const train = await gnnjs('train', '--dataset', 'payments-fraud', '--model', 'hetero-gat', '--scale', '0.01', '--epochs', '3', '--data-root', join(dir, 'data'), '--out', run, '--json', ...common);
    expect(train.code, train.stderr).toBe(0);
    const r = await gnnjs('report', '--checkpoint', run, '--top', '3', '--steps', '8', '--json', ...common);
    expect(r.code, r.stderr).toBe(0);
    report = join(run, 'alert-report.html');
    expect((JSON.parse(r.stdout) as { file: string }).file).toBe(report);
    alertsJson = join(dir, 'alerts.json');
    writeFileSync(alertsJson, r.stdout);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (process.env['GNNJS_KEEP_FRAUD_E2E'] === undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('explain --json names the score, the attention paths, the feature and edge attributions', async () => {
    const html = readFileSync(report, 'utf8');
    const id = Number(/id="alert-1">\s*<h2>#1 · transactions (\d+)/.exec(html)?.[1]);
    expect(Number.isInteger(id)).toBe(true);
    const r = await gnnjs('explain', '--checkpoint', join(dir, 'run'), '--transaction', String(id), '--steps', '8', '--json', '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    const x = JSON.parse(r.stdout) as { target: { type: string; id: number }; score: number; explanation: { attention: { paths: unknown[] }; features: { top: unknown[] }; edges: { agreement: { scope: string } } } };
    expect(x.target).toEqual({ type: 'transactions', id });
    expect(x.score).toBeGreaterThan(0);
    expect(x.explanation.attention.paths.length).toBeGreaterThan(0);
    expect(x.explanation.features.top.length).toBeGreaterThan(0);
    expect(x.explanation.edges.agreement.scope).toBe('two-hop');
  });

  it('the alert report renders in Chromium: three alerts, each neighbourhood drawn, nothing fetched', async () => {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (q) => {
      if (!q.url().startsWith('file:')) requests.push(q.url());
    });
    await page.goto(pathToFileURL(report).href);
    const drawn = await page.$$eval('section.alert svg.neighbourhood', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height, edges: svg.querySelectorAll('line > title').length, nodes: svg.querySelectorAll('rect').length };
      }),
    );
    expect(drawn).toHaveLength(3);
    for (const d of drawn) {
      expect(d.width).toBeGreaterThan(100);
      expect(d.height).toBeGreaterThan(50);
      expect(d.edges).toBeGreaterThan(1);
      expect(d.nodes).toBeGreaterThan(1);
    }
    expect(await page.$$eval('table.alerts tbody tr', (rows) => rows.length)).toBe(3);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const shot = join(dir, 'alert-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`[fraud e2e] screenshot: ${shot}`);
  });

  it("the playground's alerts panel draws the same file: edges as wide as the explanation's attention, coloured by relation", async () => {
    const served = await servePlayground();
    try {
      browser ??= await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(served.url);
      await page.setInputFiles('#alerts-file', alertsJson);
      await page.waitForSelector('#alerts-status[data-state="loaded"], #alerts-status[data-state="error"]', { timeout: 30_000 });
      expect(await page.textContent('#alerts-status')).toMatch(/^alerts\.json: 3 alerts · hetero-gat · task fraud · PR-AUC/);
      const file = JSON.parse(readFileSync(alertsJson, 'utf8')) as { alerts: Array<{ id: number; explanation: { explanation: { attention: { layers: Array<{ layer: string; edges: Array<{ relation: string; source: Ref; target: Ref; alpha: number }> }> } } } }> };
      for (const [i, alert] of file.alerts.entries()) {
        await page.selectOption('#alerts-alert', String(i));
        await page.waitForSelector(`#alerts-graph[data-alert="${alert.id}"]`);
        const drawn = JSON.parse((await page.getAttribute('#alerts-graph', 'data-drawn'))!) as Array<{ relation: string; source: string; target: string; weight: number; width: number; colour: string }>;
        expect(drawn.length).toBeGreaterThan(2);
        // Every drawn edge is an edge of the explanation, as wide as its attention in one of the layers.
        const alphas = new Map<string, number[]>();
        for (const l of alert.explanation.explanation.attention.layers) for (const e of l.edges) alphas.set(edgeKey(e), [...(alphas.get(edgeKey(e)) ?? []), e.alpha]);
        for (const e of drawn) {
          const candidates = alphas.get(`${e.relation}|${e.source}|${e.target}`) ?? [];
          expect(candidates.some((a) => Math.abs(a - e.weight) < 1e-9), `${e.relation} ${e.source} → ${e.target}`).toBe(true);
        }
        // Wider for more attention (the panel's own test checks the exact widths).
        for (const a of drawn) for (const b of drawn) if (a.weight < b.weight) expect(a.width).toBeLessThan(b.width);
        const colours = new Map(drawn.map((e) => [e.relation, e.colour]));
        expect(new Set(colours.values()).size).toBe(colours.size);
        for (const e of drawn) expect(e.colour).toBe(colours.get(e.relation));
      }
      expect(errors).toEqual([]);
      const shot = join(dir, 'playground-alerts.png');
      await page.locator('#alerts').screenshot({ path: shot });
      console.log(`[fraud e2e] playground screenshot: ${shot}`);
    } finally {
      await served.close();
    }
  });
});

type Ref = { type: string; id: number };
// The panel's data-drawn names nodes by drawnKey.
const edgeKey = (e: { relation: string; source: Ref; target: Ref }): string => `${e.relation}|${drawnKey(e.source)}|${drawnKey(e.target)}`;
