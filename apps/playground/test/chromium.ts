/**
 * Test-only: the system's Chromium (never a downloaded one) with WebGPU
 * enabled (SwiftShader when there is no GPU), in a fresh profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  // SwiftShader's Vulkan for WebGPU on machines without a GPU.
  '--enable-unsafe-swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Why the browser test cannot run here (printed once), or undefined. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (Debian) or set CHROMIUM_PATH`;
  if (process.env['CI'] === 'true') throw new Error(`[playground] the e2e test cannot run on CI: ${reason}`);
  console.warn(`[playground] SKIPPING the browser e2e test: ${reason}`);
  return reason;
}

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with WebGPU switched off, to see the page report it. */
const NO_WEBGPU_ARGS = ['--headless=new', '--no-sandbox', '--disable-features=WebGPU', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchChromium({ webgpu = true }: { webgpu?: boolean } = {}): Promise<LaunchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
  // headless: false, so Playwright adds no --headless of its own: ARGS asks for the new headless mode.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: webgpu ? ARGS : NO_WEBGPU_ARGS,
    viewport: { width: 1280, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
