/**
 * The types of the table: a row is core's facts about a backend plus how it
 * loads and how it is probed in one environment.
 */
import type { BackendFacts, BackendName } from '@gnnjs/core';

/** A backend whose package loaded: what runs it. */
export interface LoadedBackend {
  /** E.g. `WebAssembly on the CPU (tfjs-backend-wasm)`, `WebGPU through Dawn: SwiftShader (software)`. */
  readonly detail: string;
}

/** Options of loading; each applies only where it says. */
export interface LoadOptions {
  /**
   * Node only: passed to `setupNodeWebGPU` of `@gnnjs/backend-webgpu/node`,
   * e.g. `{ vulkanIcd: '/usr/lib/chromium/vk_swiftshader_icd.json' }` for a software GPU.
   */
  readonly webgpu?: { readonly vulkanIcd?: string; readonly dawnFlags?: readonly string[] };
  /** Give up on one backend after this long (default 60 s): a driver that never answers is a finding, not a hang. */
  readonly timeoutMs?: number;
}

/**
 * Loads what registers one backend here (its package, and in Node Dawn or
 * TensorFlow's binding). Throws `BackendUnavailableError` saying why not and
 * what to install.
 */
export type BackendLoader = (options: LoadOptions) => Promise<LoadedBackend>;

/** What a probe found about one backend here. */
export type BackendProbe = BackendWorks | BackendFails;

/** A backend that loaded and initialised. */
export interface BackendWorks {
  readonly backend: BackendName;
  /** The package that provides it. */
  readonly packageName: string;
  readonly available: true;
  /** What runs it. */
  readonly detail: string;
}

/** A backend that did not load or did not initialise. */
export interface BackendFails {
  readonly backend: BackendName;
  /** The package that provides it. */
  readonly packageName: string;
  readonly available: false;
  /** Why not. */
  readonly detail: string;
  /** What to install or configure, when known. */
  readonly fix?: string;
  /** A stable cause code, when diagnosed (e.g. `install-script-not-run` from `@gnnjs/backend-node-gpu`). */
  readonly cause?: string;
}

/** One row of the table: the facts, and how the backend loads and is probed here. */
export interface BackendRow extends BackendFacts {
  readonly name: BackendName;
  /**
   * Loads the backend's package (and what it needs here) so that core's
   * `setBackend(name)` can start it; resolves to what runs it.
   *
   * @throws `BackendUnavailableError` naming the reason and what to install.
   */
  load(options?: LoadOptions): Promise<LoadedBackend>;
  /** Loads the backend and starts it with core's `setBackend`; never throws. */
  probe(options?: LoadOptions): Promise<BackendProbe>;
}

/** Options of probing. */
export interface ProbeOptions extends LoadOptions {
  /** Only these backends (default: every row of this environment's table). */
  readonly backends?: readonly BackendName[];
}

/** The doctor's finding: every backend, and what `'auto'` takes here. */
export interface BackendDiagnosis {
  /** One probe per backend, fastest first. */
  readonly backends: readonly BackendProbe[];
  /** The backend `useBackend('auto')` takes here (a name of the table unless a package registered its own), or null when none initialises. */
  readonly auto: string | null;
  /** Why: the faster backends it passed over and why, or why nothing initialises. */
  readonly autoReason: string;
}
