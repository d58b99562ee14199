/**
 * Test-only: the built playground served, a fresh Chromium, and one page on
 * it that collects its errors (console errors are printed), ready once the
 * page has checked its backends.
 */
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './chromium.js';
import { buildAndServe, type PageServer } from './serve.js';

export interface OpenedPlayground {
  server: PageServer;
  browser: LaunchedChromium;
  page: Page;
  /** Uncaught errors of `page`. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openPlayground(): Promise<OpenedPlayground> {
  const server = await buildAndServe();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[page] ${message.text()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector('#status[data-state="ready"], #status[data-state="error"]', { timeout: 120_000 });
  return {
    server,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
