import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

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
