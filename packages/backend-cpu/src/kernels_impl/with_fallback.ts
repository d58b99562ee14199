import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

/**
 * A replacement for one of tfjs's own kernels: `fast` handles the cases it
 * knows (returning undefined otherwise) and `stock`, tfjs's kernel, the rest.
 * The stock config's other fields (a wasm `setupFunc`) are kept.
 */
export function withFallback<Args>(stock: KernelConfig, fast: (args: Args) => TensorInfo | undefined): KernelConfig {
  const kernelFunc = (args: Args): TensorInfo | TensorInfo[] =>
    fast(args) ?? (stock.kernelFunc(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo | TensorInfo[]);
  return { ...stock, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** tfjs's own kernels of one backend that a package extends, by name: see {@link stockKernelsOf}. */
export interface StockKernels {
  /** Every kernel taken so far, by name (tests compare the replacements against them). */
  readonly taken: ReadonlyMap<string, KernelConfig>;
  /** tfjs's kernel `name` of the backend, as registered now; throws when tfjs has none. */
  take(name: string): KernelConfig;
}

/**
 * Captures tfjs's own kernels of `backendName` before a package replaces
 * them with {@link withFallback} wrappers that end in them (a second
 * evaluation of the package wraps the wrapper, which still ends there).
 *
 * @example
 * ```ts
 * const stock = stockKernelsOf('cpu');
 * const mul = withFallback(stock.take(Multiply), fastBinary('mul'));
 * ```
 */
export function stockKernelsOf(backendName: string): StockKernels {
  const taken = new Map<string, KernelConfig>();
  return {
    taken,
    take(name: string): KernelConfig {
      const config = getKernel(name, backendName);
      if (config === undefined) throw new Error(`tfjs's '${backendName}' backend has no ${name} kernel to extend`);
      taken.set(name, config);
      return config;
    },
  };
}
