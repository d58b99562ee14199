import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '../errors.js';
import { backendFacts, backendInstallHint, backendUnavailableHere, currentEnvironment, type BackendFacts, type BackendName } from './backend_facts.js';
import { backendAliases, findBackendAlias, type BackendAlias } from './backend_registry.js';

/** The alias chosen last, so that `getBackend` can tell 'node-gpu' from 'node' (both tfjs's 'tensorflow'). */
let selected: BackendAlias | undefined;

/**
 * Activates a backend: one of {@link BackendName}, or `'auto'` for the best
 * registered backend that initialises here (webgpu > node-gpu > node > wasm >
 * cpu, skipping backends that report themselves unavailable, and never taking
 * a software fallback such as a SwiftShader WebGPU adapter). Resolves to the name now
 * active. A name that is unknown, not registered (its package not imported)
 * or failing throws `BackendUnavailableError` with the reason and what to
 * install; the previous backend then stays active.
 *
 * @example
 * ```ts
 * import '@gnnjs/backend-wasm';
 * await setBackend('wasm');
 * const name = await setBackend('auto'); // e.g. 'webgpu' in a browser with a GPU
 * ```
 */
export async function setBackend(name: BackendName | 'auto'): Promise<string> {
  if (name === 'auto') return selectAuto();
  const alias = findBackendAlias(name);
  if (alias === undefined) {
    const known = backendAliases().map((a) => a.name);
    throw new BackendUnavailableError(name, 'unknown backend name', `Known backends: ${known.join(', ')}, or 'auto'.`);
  }
  const unavailable = await unavailableReason(alias);
  if (unavailable !== undefined) {
    // A package's own diagnosis (e.g. tfjs-node's missing native library) says more than we can.
    if (unavailable.cause instanceof BackendUnavailableError) throw unavailable.cause;
    throw new BackendUnavailableError(name, unavailable.reason, unavailable.hint);
  }
  const failure = await activate(alias);
  if (failure !== undefined) throw new BackendUnavailableError(name, failure, runtimeHint(alias));
  return alias.name;
}

/**
 * The active backend under GNN.js's name ('webgpu', 'node', ...), or tfjs's
 * own name for a backend GNN.js does not know. Like tfjs, initialises the
 * best registered backend when none is active yet.
 *
 * @example
 * ```ts
 * await setBackend('auto');
 * console.log(getBackend()); // 'cpu' on a machine with only @gnnjs/backend-cpu
 * ```
 */
export function getBackend(): string {
  // Reading engine().backend initialises tfjs's best registered backend, as running an op would.
  if (activeTfjsBackend() === undefined) void tf.engine().backend;
  const tfjsName = tf.getBackend();
  if (selected?.tfjsName === tfjsName) return selected.name;
  return backendAliases().find((a) => a.tfjsName === tfjsName)?.name ?? tfjsName;
}

/**
 * The known backends whose package is imported (registered with tfjs), best
 * first. Registered does not yet mean it initialises: `setBackend` tells.
 *
 * @example
 * ```ts
 * import '@gnnjs/backend-wasm';
 * availableBackends(); // ['wasm', 'cpu'] in Node with only wasm and tfjs's cpu
 * ```
 */
export function availableBackends(): string[] {
  return backendAliases()
    .filter((a) => tf.findBackendFactory(a.tfjsName) != null)
    .map((a) => a.name);
}

async function selectAuto(): Promise<string> {
  const reasons: string[] = [];
  for (const alias of backendAliases()) {
    const unavailable = await unavailableReason(alias);
    if (unavailable !== undefined) {
      reasons.push(`${alias.name}: ${unavailable.reason}`);
      continue;
    }
    // Software adapters (SwiftShader, llvmpipe) are for tests: selectable by name, never by 'auto'.
    if (alias.isPreferred !== undefined && !(await alias.isPreferred())) {
      reasons.push(`${alias.name}: not preferred (software adapter); select it by name`);
      continue;
    }
    const failure = await activate(alias);
    if (failure === undefined) return alias.name;
    reasons.push(`${alias.name}: ${failure}`);
  }
  throw new BackendUnavailableError(
    'auto',
    `no registered backend initialises (${reasons.join('; ')})`,
    "Install one, e.g. `pnpm add @gnnjs/backend-cpu`, and import it: `import '@gnnjs/backend-cpu'`.",
  );
}

interface Unavailable {
  reason: string;
  /** What to do about it: install the package when it is missing, else what the backend needs. */
  hint: string;
  cause?: unknown;
}

/** Why `alias` cannot be tried at all, or undefined. */
async function unavailableReason(alias: BackendAlias): Promise<Unavailable | undefined> {
  if (tf.findBackendFactory(alias.tfjsName) == null) {
    const notHere = backendFacts(alias.name) === undefined ? undefined : backendUnavailableHere(alias.name, currentEnvironment());
    if (notHere !== undefined) return { reason: notHere.reason, hint: notHere.hint };
    // The package is imported but could not register (WebGPU in Node without an adapter): its reason, not "install it".
    const why = alias.notRegisteredReason?.();
    if (why !== undefined) return { reason: why, hint: requirementHint(alias) };
    return {
      reason: `tfjs backend '${alias.tfjsName}' is not registered (its package is not imported)`,
      hint: installHint(alias),
    };
  }
  if (alias.isAvailable === undefined) return undefined;
  try {
    if (await alias.isAvailable()) return undefined;
    return { reason: `${alias.packageName ?? 'its package'} reports it cannot run on this machine`, hint: runtimeHint(alias) };
  } catch (error) {
    return { reason: `its availability check failed: ${errorMessage(error)}`, hint: runtimeHint(alias), cause: error };
  }
}

/**
 * `tf.setBackend`, with the failure reason captured: tfjs logs a failing
 * backend factory's error with console.warn, resolves to false and leaves no
 * backend active, so the previous one (or tfjs's best) is restored.
 */
async function activate(alias: BackendAlias): Promise<string | undefined> {
  const previous = activeTfjsBackend();
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    let failure: string | undefined;
    try {
      if (!(await tf.setBackend(alias.tfjsName))) {
        const detail = warnings.filter((w) => !w.startsWith('Initialization of backend')).join(' ');
        // tfjs logs `err.stack || err.message`: keep the message line.
        const message = detail.split('\n')[0]!.replace(/^\w*Error: /, '');
        failure = `initialisation failed${message ? `: ${message}` : ''}`;
      }
    } catch (error) {
      failure = `initialisation failed: ${errorMessage(error)}`;
    }
    if (failure === undefined) {
      selected = alias;
      return undefined;
    }
    await restore(previous);
    return failure;
  } finally {
    console.warn = warn;
  }
}

/** The initialised tfjs backend now active, if any. */
function activeTfjsBackend(): string | undefined {
  const name = tf.getBackend() as string | null | undefined;
  return name && tf.engine().findBackend(name) != null ? name : undefined;
}

async function restore(previous: string | undefined): Promise<void> {
  try {
    if (previous !== undefined) await tf.setBackend(previous);
    else await tf.ready();
  } catch {
    // Nothing else initialises either; the caller reports the original failure.
  }
}

function installHint(alias: BackendAlias): string {
  const facts = backendFacts(alias.name);
  const install = facts === undefined ? undefined : backendInstallHint(facts, currentEnvironment());
  if (facts !== undefined && install !== undefined) {
    return `${install} Then load it: \`import '${facts.packageName}'\`, or \`await useBackend('${facts.name}')\` from @gnnjs/backends.`;
  }
  const pkg = alias.packageName;
  if (pkg === undefined) return `Register the tfjs backend '${alias.tfjsName}' before selecting it.`;
  return `Install and import its package: \`pnpm add ${pkg}\`, then \`import '${pkg}'\`.`;
}

/** What a backend needs to run, from the facts table, for a package that is imported but could not register. */
function requirementHint(alias: BackendAlias): string {
  const facts: BackendFacts | undefined = backendFacts(alias.name);
  return facts?.requires === undefined ? runtimeHint(alias) : `It needs ${facts.requires}.`;
}

/** For a backend whose package is imported but cannot run here: installing it again would not help. */
function runtimeHint(alias: BackendAlias): string {
  const pkg = alias.packageName ?? `the package of '${alias.name}'`;
  return `${pkg} is imported, but this machine or browser cannot run it; its README lists what it needs.`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
