/**
 * WebGPU in a real browser: headless Chromium opens a page served on
 * 127.0.0.1 that runs the GNN kernel conformance suite on 'webgpu' and trains
 * `@gnnjs/layers`' GATConv and a hand-written GAT on 'webgpu' and on 'cpu',
 * whose losses must agree.
 *
 * The same conformance suite also runs in Node on Dawn
 * (`@gnnjs/backend-webgpu`'s conformance_node.test.ts); here it runs in the
 * browser's own WebGPU.
 */
import type { Browser, Page } from 'playwright-core';
import { conformanceCases } from '@gnnjs/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { chromiumMissing, chromiumWithoutAdapter, launchChromium } from './chromium.js';
import type { CaseOutcome, GnnTestApi } from './page.js';
import { servePage, type PageServer } from './serve_page.js';

const missing = chromiumMissing();

describe.skipIf(missing !== undefined)(skipTitle('in Chromium', missing), () => {
  let server: PageServer;
  let browser: Browser;
  let page: Page;
  /** Why this Chromium offers no WebGPU adapter (then the tests skip, or fail on CI). */
  let noAdapter: string | undefined;

  beforeAll(async () => {
    server = await servePage();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => 'gnnTest' in globalThis);
    noAdapter = chromiumWithoutAdapter(await call('adapter'));
  }, 180_000);

  /** Skips the calling test when Chromium has no WebGPU adapter here. */
  const requireAdapter = (skip: (note: string) => void): void => {
    if (noAdapter !== undefined) skip(noAdapter);
  };

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const call = <K extends keyof GnnTestApi>(method: K, ...args: Parameters<GnnTestApi[K]>): Promise<Awaited<ReturnType<GnnTestApi[K]>>> =>
    page.evaluate(
      ([m, a]) => {
        const api = (globalThis as unknown as { gnnTest: Record<string, (...xs: unknown[]) => unknown> }).gnnTest;
        return api[m as string]!(...(a as unknown[]));
      },
      [method, args] as const,
    ) as Promise<Awaited<ReturnType<GnnTestApi[K]>>>;

  it('gets a WebGPU adapter', async (ctx) => {
    requireAdapter(ctx.skip);
    const adapter = await call('adapter');
    expect(adapter).not.toBeNull();
    console.info(`[@gnnjs/e2e] browser adapter: ${adapter!.description} (software: ${adapter!.software})`);
  });

  it('reads kernel outputs back synchronously and asynchronously', async (ctx) => {
    requireAdapter(ctx.skip);
    // Without Vulkan-backed canvases, Chromium's synchronous WebGPU readback returns zeros.
    expect(await call('readBack')).toEqual({ sync: [3, 4, 1, 2, 3, 4], async: [3, 4, 1, 2, 3, 4] });
  });

  it("trains @gnnjs/layers' GATConv to the same losses on webgpu and cpu", async (ctx) => {
    requireAdapter(ctx.skip);
    const onGpu = await call('trainGatConv', 'webgpu', 5);
    const onCpu = await call('trainGatConv', 'cpu', 5);
    console.info(`[@gnnjs/e2e] GATConv losses webgpu ${onGpu.join(', ')} | cpu ${onCpu.join(', ')}`);
    expect(onGpu).toHaveLength(5);
    onGpu.forEach((loss, step) => expect(Math.abs(loss - onCpu[step]!)).toBeLessThan(1e-4));
    expect(onCpu[4]).toBeLessThan(onCpu[0]!);
  }, 120_000);

  it('trains a hand-written GAT (core ops only) to the same losses on webgpu and cpu', async (ctx) => {
    requireAdapter(ctx.skip);
    const onGpu = await call('train', 'webgpu', 5);
    const onCpu = await call('train', 'cpu', 5);
    expect(onGpu).toHaveLength(5);
    onGpu.forEach((loss, step) => expect(Math.abs(loss - onCpu[step]!)).toBeLessThan(1e-4));
    // The losses must move, or the comparison proves nothing.
    expect(onCpu[4]).toBeLessThan(onCpu[0]!);
  }, 120_000);

  describe('GNN kernel conformance on webgpu', () => {
    let outcomes: Map<string, CaseOutcome>;
    beforeAll(async () => {
      if (noAdapter !== undefined) return;
      outcomes = new Map((await call('conformance', 'webgpu')).map((o) => [o.name, o]));
    }, 300_000);

    for (const c of conformanceCases()) {
      it(c.name, (ctx) => {
        requireAdapter(ctx.skip);
        const outcome = outcomes.get(c.name);
        expect(outcome, 'case did not run in the page').toBeDefined();
        if (outcome!.error !== undefined) throw new Error(outcome!.error);
      });
    }

    it('ran the WGSL kernels, not the composite defaults', async (ctx) => {
      requireAdapter(ctx.skip);
      expect(await call('compositeKernels', 'webgpu')).toEqual([]);
    });
  });
});
