/**
 * PyTorch weights in a browser: headless Chromium fetches `gat_cora.pt`,
 * loads it with `@gnnjs/io` into `@gnnjs/layers`' GAT and reproduces PyG's
 * logits within 1e-5 and its predictions exactly — on tfjs's CPU backend and,
 * when Chromium offers an adapter, on WebGPU. Cora's inputs are loaded in Node
 * (`Planetoid`, checked against PyG in `gat_cora_logits.test.ts`) and served
 * as binary files beside the weights.
 */
import { readFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { chromiumMissing, chromiumWithoutAdapter, launchChromium } from '../browser/chromium.js';
import { GAT_CORA_PT, compareLogits, gatCoraExpected, loadCora } from './gat_cora_fixture.js';
import type { WeightsPageApi } from './weights_page.js';
import { serveWeightsPage, type WeightsServer } from './weights_server.js';

const missing = chromiumMissing();
const expected = gatCoraExpected();

describe.skipIf(missing !== undefined)(skipTitle('gat_cora.pt in Chromium', missing), () => {
  let server: WeightsServer;
  let browser: Browser;
  let page: Page;
  let shape: { numNodes: number; numFeatures: number };

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const cora = await loadCora();
    const x = (await cora.x!.data()) as Float32Array;
    const edgeIndex = (await cora.edgeIndex.data()) as Int32Array;
    shape = { numNodes: cora.numNodes, numFeatures: cora.numFeatures };
    cora.dispose();
    server = await serveWeightsPage({
      '/gat_cora.pt': new Uint8Array(readFileSync(GAT_CORA_PT)),
      '/x.bin': new Uint8Array(x.buffer, x.byteOffset, x.byteLength),
      '/edge_index.bin': new Uint8Array(edgeIndex.buffer, edgeIndex.byteOffset, edgeIndex.byteLength),
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => 'gnnWeights' in globalThis, undefined, { timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const call = <K extends keyof WeightsPageApi>(method: K, ...args: Parameters<WeightsPageApi[K]>): Promise<Awaited<ReturnType<WeightsPageApi[K]>>> =>
    page.evaluate(
      ([m, a]) => {
        const api = (globalThis as unknown as { gnnWeights: Record<string, (...xs: unknown[]) => unknown> }).gnnWeights;
        return api[m as string]!(...(a as unknown[]));
      },
      [method, args] as const,
    ) as Promise<Awaited<ReturnType<WeightsPageApi[K]>>>;

  it("reproduces PyG's logits on tfjs's CPU backend", async () => {
    const { logits, leaked } = await call('gatLogits', 'cpu', shape.numNodes, shape.numFeatures);
    const { maxError, predMismatches } = compareLogits(logits, expected);
    console.info(`[@gnnjs/e2e] gat_cora.pt in Chromium on cpu: max |logit - PyG| = ${maxError.toExponential(2)}`);
    expect(logits).toHaveLength(shape.numNodes * 7);
    expect(maxError).toBeLessThanOrEqual(1e-5);
    expect(predMismatches).toEqual([]);
    expect(leaked).toBe(0);
  }, 120_000);

  it("reproduces PyG's logits on WebGPU", async (ctx) => {
    const noAdapter = chromiumWithoutAdapter((await call('hasWebGPU')) ? {} : null);
    if (noAdapter !== undefined) ctx.skip(noAdapter);
    const { logits, leaked } = await call('gatLogits', 'webgpu', shape.numNodes, shape.numFeatures);
    const { maxError, predMismatches } = compareLogits(logits, expected);
    console.info(`[@gnnjs/e2e] gat_cora.pt in Chromium on webgpu: max |logit - PyG| = ${maxError.toExponential(2)}`);
    expect(maxError).toBeLessThanOrEqual(1e-5);
    expect(predMismatches).toEqual([]);
    expect(leaked).toBe(0);
  }, 180_000);

  it('writes the loaded weights as safetensors and reads them back in the browser', async () => {
    const { keys, equal } = await call('safetensorsRoundTrip');
    expect(keys).toEqual(Object.keys(expected.state_dict));
    expect(equal).toBe(true);
  });
});
