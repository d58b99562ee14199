/**
 * Loads tfjs-node(-gpu) on demand. Importing either package throws when its
 * native binding is missing, so nothing imports them statically: the import
 * happens here, inside an async call, and a failure becomes a
 * {@link NodeBackendUnavailableError} that names the cause and the fix.
 */
import { findBackend } from '@tensorflow/tfjs-core';
import { diagnoseNodeInstall } from './diagnosis/diagnose_install.js';
import type { InstallCause, InstallDiagnosis, InstallProbe } from './diagnosis/install_probe.js';
import { nodeInstallProbe } from './diagnosis/node_install_probe.js';
import { NodeBackendUnavailableError } from './node_backend_error.js';
import { isTensorflowBackend } from './tensorflow_backend.js';
import { isGpuPackage, PACKAGES_OF_VARIANT, TENSORFLOW_BACKEND, type NodeVariant, type TfjsNodePackage } from './variants.js';

/** A native backend that loaded. */
export interface NodeBackendInfo {
  readonly variant: NodeVariant;
  readonly packageName: TfjsNodePackage;
  /** The tfjs backend name to pass to `tf.setBackend`. */
  readonly tfjsBackendName: typeof TENSORFLOW_BACKEND;
  /** True when TensorFlow placed its device list on a GPU. */
  readonly usingGpu: boolean;
}

/** Seams for tests; the defaults use this process's imports and file system. */
export interface LoadNodeBackendOptions {
  readonly importPackage?: (packageName: TfjsNodePackage) => Promise<unknown>;
  readonly probe?: InstallProbe;
}

/** Causes read from the files that make `require('@tensorflow/tfjs-node')` throw for sure. */
const CERTAIN_FAILURES: ReadonlySet<InstallCause> = new Set(['package-missing', 'install-script-not-run', 'binding-missing']);

let loadedPackage: TfjsNodePackage | undefined;
const importAttempts = new Map<TfjsNodePackage, Promise<unknown>>();

/**
 * Makes the `tensorflow` backend of tfjs-node-gpu (`'node-gpu'`, which also
 * requires a visible GPU) or tfjs-node (`'node'`, falling back to the GPU
 * package on its CPU) available, and says which package serves it.
 *
 * @throws {NodeBackendUnavailableError} with the diagnosed cause and fix.
 * @example
 * ```ts
 * const info = await loadNodeBackend('node-gpu');
 * await tf.setBackend(info.tfjsBackendName);
 * ```
 */
export async function loadNodeBackend(variant: NodeVariant, options: LoadNodeBackendOptions = {}): Promise<NodeBackendInfo> {
  const importPackage = options.importPackage ?? defaultImport;
  const probe = options.probe ?? nodeInstallProbe();
  const candidates = PACKAGES_OF_VARIANT[variant];
  if (loadedPackage !== undefined && !candidates.includes(loadedPackage)) {
    throw processTakenError(variant, loadedPackage, probe);
  }

  const diagnoses: InstallDiagnosis[] = [];
  for (const packageName of loadedPackage === undefined ? candidates : [loadedPackage]) {
    if (loadedPackage === undefined) {
      // Skip imports that cannot succeed: they are slow and register tfjs-node's kernels for nothing.
      const certain = certainFailure(packageName, probe);
      if (certain !== undefined) {
        diagnoses.push(certain);
        continue;
      }
    }
    try {
      await importOnce(packageName, importPackage);
    } catch (loadError) {
      diagnoses.push(diagnosisOf(diagnoseNodeInstall({ packageName, loadError }, probe), packageName, loadError));
      continue;
    }
    loadedPackage = packageName;
    const usingGpu = startedBackendUsesGpu(packageName);
    if (variant === 'node-gpu' && !usingGpu) {
      const cpuOnly = diagnoseNodeInstall({ packageName, gpuVisible: false }, probe);
      throw new NodeBackendUnavailableError(variant, [diagnosisOf(cpuOnly, packageName, undefined)]);
    }
    return { variant, packageName, tfjsBackendName: TENSORFLOW_BACKEND, usingGpu };
  }
  throw new NodeBackendUnavailableError(variant, diagnoses);
}

/** A cause read from the files alone that makes the package's import throw for sure. */
function certainFailure(packageName: TfjsNodePackage, probe: InstallProbe): InstallDiagnosis | undefined {
  const found = diagnoseNodeInstall({ packageName }, probe);
  return found !== undefined && CERTAIN_FAILURES.has(found.cause) ? found : undefined;
}

/** The other TensorFlow package owns the process; its own install problem, if any, matters more. */
function processTakenError(variant: NodeVariant, loaded: TfjsNodePackage, probe: InstallProbe): NodeBackendUnavailableError {
  const candidates = PACKAGES_OF_VARIANT[variant];
  const own = candidates.map((packageName) => certainFailure(packageName, probe));
  if (own.every((d) => d !== undefined)) return new NodeBackendUnavailableError(variant, own);
  return new NodeBackendUnavailableError(variant, [
    {
      cause: 'unknown',
      packageName: candidates[0]!,
      reason: `${loaded} already provides the '${TENSORFLOW_BACKEND}' backend in this process`,
      fix: `Choose '${variant}' before any other native backend loads, in a fresh process.`,
    },
  ]);
}

/** The package that owns the `tensorflow` backend in this process, if one loaded. */
export function loadedNodePackage(): TfjsNodePackage | undefined {
  return loadedPackage;
}

function defaultImport(packageName: TfjsNodePackage): Promise<unknown> {
  return import(packageName) as Promise<unknown>;
}

function importOnce(packageName: TfjsNodePackage, importPackage: (name: TfjsNodePackage) => Promise<unknown>): Promise<unknown> {
  let attempt = importAttempts.get(packageName);
  if (attempt === undefined) {
    attempt = importPackage(packageName);
    importAttempts.set(packageName, attempt);
  }
  return attempt;
}

/** Starts the `tensorflow` backend that importing the package registered and asks it about GPUs. */
function startedBackendUsesGpu(packageName: TfjsNodePackage): boolean {
  const backend = findBackend(TENSORFLOW_BACKEND);
  if (!isTensorflowBackend(backend)) {
    throw new NodeBackendUnavailableError(packageName === '@tensorflow/tfjs-node-gpu' ? 'node-gpu' : 'node', [
      {
        cause: 'unknown',
        packageName,
        reason: `${packageName} loaded but its '${TENSORFLOW_BACKEND}' backend did not start (tfjs logged why above)`,
        fix: `Run \`node -e "require('${packageName}')"\` to see TensorFlow's own error.`,
      },
    ]);
  }
  return isGpuPackage(packageName) && backend.isUsingGpuDevice;
}

/** Never leaves a failure unexplained, even when no specific cause was recognised. */
function diagnosisOf(found: InstallDiagnosis | undefined, packageName: TfjsNodePackage, loadError: unknown): InstallDiagnosis {
  if (found !== undefined) return found;
  const detail = loadError instanceof Error ? loadError.message : String(loadError);
  return { cause: 'unknown', packageName, reason: `loading ${packageName} failed: ${detail}`, fix: `Reinstall ${packageName}.` };
}

/** Forgets what was loaded and tried; for tests only. */
export function resetNodeBackendStateForTests(): void {
  loadedPackage = undefined;
  importAttempts.clear();
}
