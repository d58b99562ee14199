/**
 * Backend packages are optional peer dependencies: each is imported when its
 * backend is wanted, and a missing one becomes a `BackendUnavailableError`
 * with the install hint of core's table, not a module-resolution stack.
 */
import { BackendUnavailableError, backendInstallHint, type BackendEnvironment, type BackendFacts } from '@gnnjs/core';

/**
 * Runs `importer` (a dynamic `import()` of one of `facts`' modules, written
 * literally so that bundlers see it) and explains its failure.
 *
 * @example
 * ```ts
 * const { setupNodeWebGPU } = await importBackendPackage(backendFacts('webgpu')!, 'node', () => import('@gnnjs/backend-webgpu/node'));
 * ```
 */
export async function importBackendPackage<T>(facts: BackendFacts, environment: BackendEnvironment, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const hint = backendInstallHint(facts, environment) ?? `Install ${facts.packageName}.`;
    const missing = missingPackage(error);
    const reason =
      missing === facts.packageName
        ? `its package ${facts.packageName} is not installed`
        : `its package ${facts.packageName} failed to load (${firstLine(error)})`;
    throw new BackendUnavailableError(facts.name, reason, hint);
  }
}

/** The package a failed import names as missing (Node's and Vite's wording, here or in a wrapped `cause`), if any. */
export function missingPackage(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message : String(e);
    const name = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec(text) ?? /Failed to resolve import "((?:@[^/"]+\/)?[^/"]+)/.exec(text);
    if (name?.[1] !== undefined) return name[1];
    if (!(e instanceof Error)) break;
  }
  return undefined;
}

/** The first line of an error's message, at most 200 characters. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n', 1)[0] ?? text).slice(0, 200);
}
