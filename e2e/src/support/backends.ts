/**
 * Which backends the cross-package tests run on. Loading and selecting each
 * is `@gnnjs/backends`' `useBackend`; what is ours is the test policy: a
 * backend that cannot run here is skipped with one printed line, and on CI
 * (`CI=true`, where `.ci/webgpu-deps.sh` installs Dawn's Vulkan driver) it fails.
 */
import { existsSync } from 'node:fs';
import { useBackend as loadAndUse, type BackendName } from '@gnnjs/backends';

/** Debian's chromium ships SwiftShader's Vulkan ICD here: a software GPU for Dawn. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

function vulkanIcd(): string | undefined {
  return process.env['VK_ICD_FILENAMES'] ?? (existsSync(SWIFTSHADER_ICD) ? SWIFTSHADER_ICD : undefined);
}

/**
 * Loads `name` and makes it the active backend. Resolves to `undefined` when
 * it is active, or to why it cannot run here (printed once). Throws on CI.
 */
export async function useBackend(name: BackendName): Promise<string | undefined> {
  let reason: string | undefined;
  try {
    const icd = vulkanIcd();
    await loadAndUse(name, icd === undefined ? {} : { webgpu: { vulkanIcd: icd } });
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (reason === undefined) return undefined;
  if (process.env['CI'] === 'true') throw new Error(`[@gnnjs/e2e] backend '${name}' cannot run on CI: ${reason}`);
  console.warn(`[@gnnjs/e2e] SKIPPING '${name}' tests: ${reason}`);
  return reason;
}

/** The backends of `names` that run here, in order (the last one that loaded stays active). */
export async function availableBackends<N extends BackendName>(names: readonly N[]): Promise<N[]> {
  const available: N[] = [];
  for (const name of names) if ((await useBackend(name)) === undefined) available.push(name);
  return available;
}
