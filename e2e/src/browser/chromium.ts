/**
 * Test-only: a headless Chromium with WebGPU (SwiftShader when there is no
 * GPU), driven by playwright-core. Never downloads a browser: it uses the
 * system's (`/usr/bin/chromium`, or `$CHROMIUM_PATH`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--enable-gpu-rasterization',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Why the browser tests cannot run here, or `undefined` when they can. Throws on CI. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `no Chromium at ${CHROMIUM_PATH} (Debian: \`apt-get install -y chromium\`, or set CHROMIUM_PATH)`;
  if (process.env['CI'] === 'true') {
    throw new Error(`[@gnnjs/e2e] browser tests cannot run on CI: ${reason} (.ci/webgpu-deps.sh installs it)`);
  }
  console.warn(`[@gnnjs/e2e] SKIPPING browser WebGPU tests: ${reason}`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  // `headless: false` so that Playwright adds no --headless of its own; ARGS asks for the new headless mode.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: ARGS });
}

/**
 * Why the page found no WebGPU adapter (`adapter` is the page's answer), or
 * `undefined` when it has one. Prints the reason once; throws on CI.
 */
export function chromiumWithoutAdapter(adapter: unknown): string | undefined {
  if (adapter !== null) return undefined;
  const reason =
    `Chromium at ${CHROMIUM_PATH} offers no WebGPU adapter (it needs Vulkan: a GPU driver, or ` +
    "SwiftShader's ICD from Debian's chromium-common package plus libvulkan1)";
  if (process.env['CI'] === 'true') {
    throw new Error(`[@gnnjs/e2e] browser tests cannot run on CI: ${reason} (.ci/webgpu-deps.sh installs it)`);
  }
  console.warn(`[@gnnjs/e2e] SKIPPING browser WebGPU tests: ${reason}`);
  return reason;
}
