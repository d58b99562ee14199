/**
 * @gnnjs/sampling's workers in a real browser: headless Chromium samples with
 * Web Workers over SharedArrayBuffers on a cross-origin isolated page, and the
 * batches equal those sampled without workers, in the page and in Node. A
 * worker that throws makes the loader reject with a SamplerWorkerError; a page
 * without COOP/COEP gets a SamplingError saying which headers it lacks.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { Browser, Page } from 'playwright-core';
import { NeighborLoader } from '@gnnjs/sampling';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';
import type { BatchesOutcome, SamplingTestApi } from './page.js';
import { serveSamplingPage, type PageServer } from './serve_sampling_page.js';
import { WORKER_TEST_LOADER, workerTestGraph } from './worker_graph.js';

const missing = chromiumMissing();

describe.skipIf(missing !== undefined)(skipTitle('@gnnjs/sampling workers in Chromium (Web Workers)', missing), () => {
  let server: PageServer;
  let browser: Browser;

  beforeAll(async () => {
    tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
    server = await serveSamplingPage();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
    await page.goto(new URL(path, server.url).href);
    await page.waitForFunction(() => 'samplingTest' in globalThis);
    return page;
  }

  const batches = (page: Page, ...args: Parameters<SamplingTestApi['batches']>): Promise<BatchesOutcome> =>
    page.evaluate(([n, f]) => (globalThis as unknown as { samplingTest: SamplingTestApi }).samplingTest.batches(n, f), args);

  it('samples with 2 Web Workers the batches Node samples without workers', async () => {
    const page = await open('/');
    const withWorkers = await batches(page, 2);
    const inPage = await batches(page, 0);
    const graph = workerTestGraph();
    const inNode: number[][] = [];
    const loader = new NeighborLoader(graph, WORKER_TEST_LOADER);
    for (let epoch = 0; epoch < 2; epoch++) for await (const b of loader) inNode.push(Array.from(b.nId));
    graph.dispose();
    expect(withWorkers).toMatchObject({ isolated: true });
    expect('batches' in withWorkers && withWorkers.batches.length).toBe(16);
    expect(withWorkers).toEqual(inPage);
    expect((withWorkers as { batches: number[][] }).batches).toEqual(inNode);
    await page.close();
  }, 120_000);

  it('rejects with a SamplerWorkerError when a Web Worker throws', async () => {
    const page = await open('/');
    expect(await batches(page, 2, { at: 1, afterTasks: 1, how: 'throw' })).toMatchObject({ error: 'SamplerWorkerError', reason: 'error' });
    await page.close();
  }, 120_000);

  it('without cross-origin isolation, numWorkers is a SamplingError naming the headers', async () => {
    const page = await open('/plain');
    const outcome = await batches(page, 2);
    expect(outcome).toMatchObject({ error: 'SamplingError' });
    expect((outcome as { message: string }).message).toMatch(/Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
    expect(await batches(page, 0)).toMatchObject({ isolated: false });
    await page.close();
  }, 120_000);
});
