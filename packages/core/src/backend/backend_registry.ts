/**
 * The backends `setBackend` can select: the rows of `BACKEND_FACTS`, extended
 * by backend packages when imported, e.g. `@gnnjs/backend-webgpu` tells core
 * whether the adapter it found is a software fallback.
 */
import { BACKEND_FACTS } from './backend_facts.js';

/** What a backend package tells core about its backend. */
export interface BackendAliasOptions {
  /** `'auto'` tries higher priorities first. */
  priority?: number | undefined;
  /** The npm package that registers the backend (named in errors). */
  packageName?: string | undefined;
  /**
   * False when the backend cannot run on this machine (no GPU, no adapter):
   * `'auto'` skips it and an explicit request fails with the reason.
   */
  isAvailable?: (() => boolean | Promise<boolean>) | undefined;
  /**
   * False for a fallback the package does not recommend (e.g. a software
   * WebGPU adapter): `'auto'` takes it only when nothing preferred initialises.
   */
  isPreferred?: (() => boolean | Promise<boolean>) | undefined;
  /**
   * Why the package, although imported, has not registered its tfjs backend
   * (e.g. `setupNodeWebGPU` found no adapter), or `undefined` when it has no
   * reason to give. `setBackend` reports it instead of "not imported".
   */
  notRegisteredReason?: (() => string | undefined) | undefined;
}

/** One row of the table. */
export interface BackendAlias {
  readonly name: string;
  /** The name in tfjs's registry (`tf.setBackend(tfjsName)`). */
  readonly tfjsName: string;
  readonly priority: number;
  readonly packageName: string | undefined;
  readonly isAvailable: (() => boolean | Promise<boolean>) | undefined;
  readonly isPreferred: (() => boolean | Promise<boolean>) | undefined;
  readonly notRegisteredReason: (() => string | undefined) | undefined;
}

const aliases = new Map<string, BackendAlias>();

/**
 * Adds or updates a backend name. Options left out keep their earlier value,
 * so a package can add an `isAvailable` hook to a built-in name.
 *
 * @example
 * ```ts
 * // in @gnnjs/backend-node-gpu
 * registerBackendAlias('node-gpu', 'tensorflow', { isAvailable: () => cudaDeviceCount() > 0 });
 * ```
 */
export function registerBackendAlias(name: string, tfjsName: string, options: BackendAliasOptions = {}): void {
  const previous = aliases.get(name);
  aliases.set(name, {
    name,
    tfjsName,
    priority: options.priority ?? previous?.priority ?? 0,
    packageName: options.packageName ?? previous?.packageName,
    isAvailable: options.isAvailable ?? previous?.isAvailable,
    isPreferred: options.isPreferred ?? previous?.isPreferred,
    notRegisteredReason: options.notRegisteredReason ?? previous?.notRegisteredReason,
  });
}

/** The table row of `name`, if known. */
export function findBackendAlias(name: string): BackendAlias | undefined {
  return aliases.get(name);
}

/** Every row, highest priority first (registration order among equals). */
export function backendAliases(): BackendAlias[] {
  return [...aliases.values()].sort((a, b) => b.priority - a.priority);
}

for (const facts of BACKEND_FACTS) {
  registerBackendAlias(facts.name, facts.tfjsName, { priority: facts.priority, packageName: facts.packageName });
}
