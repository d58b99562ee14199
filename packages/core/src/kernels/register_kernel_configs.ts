import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';

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
