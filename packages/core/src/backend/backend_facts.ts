/**
 * The backends GNN.js knows, written once: every other place (core's
 * `setBackend('auto')` and its errors, `@gnnjs/backends`' loaders and probes,
 * the CLI, the doctor) reads this table. Plain data, no tfjs.
 */
import { BackendUnavailableError } from '../errors.js';

/** Where a backend can run. */
export type BackendEnvironment = 'browser' | 'node';

/** What GNN.js knows about a backend before its package is loaded. */
export interface BackendFacts {
  /** GNN.js's name, as `setBackend` takes it. */
  readonly name: string;
  /** The name in tfjs's registry (`tf.setBackend(tfjsName)`). */
  readonly tfjsName: string;
  /** `setBackend('auto')` tries higher priorities first. */
  readonly priority: number;
  /** The npm package that registers the backend. */
  readonly packageName: string;
  /**
   * The command that installs what the backend needs, for each environment it
   * runs in: a backend runs exactly where it has an entry.
   */
  readonly install: { readonly browser?: string; readonly node?: string };
  /** What it needs besides npm packages (a driver, CUDA), when anything. */
  readonly requires?: string;
}

/**
 * Every backend, fastest first: the order `setBackend('auto')` tries them.
 *
 * @example
 * ```ts
 * BACKEND_FACTS.map((b) => b.name); // ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu']
 * ```
 */
export const BACKEND_FACTS = [
  {
    name: 'webgpu',
    tfjsName: 'webgpu',
    priority: 50,
    packageName: '@gnnjs/backend-webgpu',
    install: { browser: 'pnpm add @gnnjs/backend-webgpu', node: 'pnpm add @gnnjs/backend-webgpu webgpu' },
    requires: "a GPU with a WebGPU driver (a browser with WebGPU on; in Node, Dawn's 'webgpu' package and a Vulkan, Metal or D3D12 driver)",
  },
  {
    name: 'node-gpu',
    tfjsName: 'tensorflow',
    priority: 40,
    packageName: '@gnnjs/backend-node-gpu',
    install: { node: 'pnpm add @gnnjs/backend-node-gpu @tensorflow/tfjs-node-gpu@4.22.0' },
    requires: 'an NVIDIA GPU with CUDA 11.2 and cuDNN 8.1 (Linux or Windows x64)',
  },
  {
    name: 'node',
    tfjsName: 'tensorflow',
    priority: 30,
    packageName: '@gnnjs/backend-node-gpu',
    install: { node: 'pnpm add @gnnjs/backend-node-gpu @tensorflow/tfjs-node@4.22.0' },
  },
  {
    name: 'wasm',
    tfjsName: 'wasm',
    priority: 20,
    packageName: '@gnnjs/backend-wasm',
    install: { browser: 'pnpm add @gnnjs/backend-wasm', node: 'pnpm add @gnnjs/backend-wasm' },
  },
  {
    name: 'cpu',
    tfjsName: 'cpu',
    priority: 10,
    packageName: '@gnnjs/backend-cpu',
    install: { browser: 'pnpm add @gnnjs/backend-cpu', node: 'pnpm add @gnnjs/backend-cpu' },
  },
] as const satisfies readonly BackendFacts[];

/** The backends GNN.js knows, fastest first. */
export type BackendName = (typeof BACKEND_FACTS)[number]['name'];

/**
 * The facts of `name`, or undefined for a name GNN.js does not know.
 *
 * @example
 * ```ts
 * backendFacts('wasm')?.packageName; // '@gnnjs/backend-wasm'
 * ```
 */
export function backendFacts(name: string): (typeof BACKEND_FACTS)[number] | undefined {
  return BACKEND_FACTS.find((b) => b.name === name);
}

/**
 * How to install a backend in an environment, as one sentence for an error
 * message; undefined where the backend does not run.
 *
 * @example
 * ```ts
 * backendInstallHint(backendFacts('node')!, 'node'); // 'Install it: `pnpm add @gnnjs/backend-node-gpu @tensorflow/tfjs-node@4.22.0`.'
 * ```
 */
export function backendInstallHint(facts: BackendFacts, environment: BackendEnvironment): string | undefined {
  const command = facts.install[environment];
  if (command === undefined) return undefined;
  return `Install it: \`${command}\`${facts.requires === undefined ? '' : `; it needs ${facts.requires}`}.`;
}

/**
 * Why `name` cannot be selected in `environment` whatever is installed (an
 * unknown name, or a backend made for another environment), or undefined.
 *
 * @example
 * ```ts
 * backendUnavailableHere('node', 'browser')?.message; // "backend 'node' is not available: it runs in Node.js only. ..."
 * ```
 */
export function backendUnavailableHere(name: string, environment: BackendEnvironment): BackendUnavailableError | undefined {
  const facts = backendFacts(name);
  if (facts === undefined) {
    return new BackendUnavailableError(name, 'unknown backend name', `Known backends: ${BACKEND_FACTS.map((b) => b.name).join(', ')}, or 'auto'.`);
  }
  const environments = backendEnvironments(facts);
  if (environments.includes(environment)) return undefined;
  const here = BACKEND_FACTS.filter((b) => backendEnvironments(b).includes(environment)).map((b) => b.name);
  return new BackendUnavailableError(
    name,
    `it runs in ${environments.map((e) => ENVIRONMENT_NAMES[e]).join(' and ')} only`,
    `Here pick one of ${here.join(', ')}, or 'auto'.`,
  );
}

const ENVIRONMENT_NAMES: Record<BackendEnvironment, string> = { browser: 'browsers', node: 'Node.js' };

/** The environments `facts` runs in, in the order browser, node. */
export function backendEnvironments(facts: BackendFacts): BackendEnvironment[] {
  return (['browser', 'node'] as const).filter((environment) => facts.install[environment] !== undefined);
}

/** Node.js, or anything else (a browser, a worker). */
export function currentEnvironment(): BackendEnvironment {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string' ? 'node' : 'browser';
}
