import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { GnnError } from '../errors.js';
import { GNN_KERNEL_NAMES, type GnnKernelName } from './kernel_names.js';

/**
 * The GNN kernels (core's {@link GNN_KERNEL_NAMES}) that `configs` has no
 * config for on `backendName`.
 *
 * @example
 * ```ts
 * missingGnnKernels('cpu', [gatherRowsConfig]); // ['GnnSegmentSum', 'GnnSegmentMean', ...]
 * ```
 */
export function missingGnnKernels(backendName: string, configs: readonly KernelConfig[]): GnnKernelName[] {
  const names = new Set(configs.filter((c) => c.backendName === backendName).map((c) => c.kernelName));
  return GNN_KERNEL_NAMES.filter((name) => !names.has(name));
}

/**
 * Registers a backend package's kernels, as its `register_all_kernels.ts`
 * does once: the configs must cover every GNN kernel and all be for
 * `backendName`, or the package fails when it loads, naming what is wrong.
 * Kernels registered before under the same names are replaced (see
 * {@link registerKernelConfigs}).
 *
 * @example
 * ```ts
 * export const kernelConfigs: readonly KernelConfig[] = [gatherRowsConfig, segmentSumConfig, ...];
 * registerBackendKernels('cpu', kernelConfigs);
 * ```
 */
export function registerBackendKernels(backendName: string, configs: readonly KernelConfig[]): void {
  const foreign = configs.filter((c) => c.backendName !== backendName).map((c) => `${c.kernelName} ('${c.backendName}')`);
  if (foreign.length > 0) throw new GnnError(`backend '${backendName}' was given kernels of other backends: ${foreign.join(', ')}`);
  const missing = missingGnnKernels(backendName, configs);
  if (missing.length > 0) throw new GnnError(`backend '${backendName}' has no kernel for ${missing.join(', ')}`);
  registerKernelConfigs(configs);
}

/**
 * Registers a backend package's kernels (its `register_all_kernels.ts` calls
 * this once). A kernel already registered under the same name and backend —
 * tfjs's own (e.g. cpu's O(N·E·D) `UnsortedSegmentSum`) or the composite
 * default that an op registered before the package was imported — is
 * replaced, without tfjs's "already registered" warning.
 *
 * @example
 * ```ts
 * registerKernelConfigs([gatherRowsConfig, segmentSumConfig]);
 * ```
 */
export function registerKernelConfigs(configs: readonly KernelConfig[]): void {
  for (const config of configs) {
    if (getKernel(config.kernelName, config.backendName) !== undefined) {
      unregisterKernel(config.kernelName, config.backendName);
    }
    registerKernel(config);
  }
}
