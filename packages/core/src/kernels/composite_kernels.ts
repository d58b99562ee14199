/**
 * Composite defaults for the GNN kernels.
 *
 * A backend package registers fast kernels with `registerKernel`. For any
 * backend that does not, the first call of an op registers the composite
 * implementation (built from tfjs-core ops) under that backend's name, so that
 * the op still dispatches through `runKernel` and the single gradient
 * registered with `registerGradient` serves it like any other kernel.
 *
 * Ops called inside a kernel function run at kernel depth > 0, where tfjs's
 * engine records no tape entries, so the composite's internal ops never get
 * gradients of their own; `tidy` frees their intermediates.
 */
import {
  engine,
  getBackend,
  getKernel,
  registerKernel,
  tidy,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/** A kernel body written with tfjs ops; inputs arrive as tensors. A kernel with several outputs returns an array. */
export type CompositeKernelImpl = (inputs: NamedTensorMap, attrs: NamedAttrMap) => Tensor | Tensor[];

const compositeImpls = new Map<string, CompositeKernelImpl>();
/** The kernel functions registered as composites, so a later replacement is recognised. */
const compositeRegistrations = new Map<string, KernelFunc>();

/** Declares the composite implementation of a GNN kernel. */
export function defineCompositeKernel(kernelName: string, impl: CompositeKernelImpl): void {
  compositeImpls.set(kernelName, impl);
}

/**
 * Makes sure `kernelName` can run on the active backend, registering the
 * composite implementation if the backend has no kernel of its own.
 */
export function ensureKernel(kernelName: string): void {
  // Reading `engine().backend` initialises the best registered backend when
  // none was chosen yet, as `runKernel` itself would.
  void engine().backend;
  const backendName = getBackend();
  if (getKernel(kernelName, backendName) !== undefined) return;
  const impl = compositeImpls.get(kernelName);
  if (impl === undefined) {
    throw new Error(`No kernel '${kernelName}' for backend '${backendName}' and no composite default.`);
  }
  const kernelFunc: KernelFunc = ({ inputs, attrs }) =>
    tidy(() => impl(inputs as NamedTensorMap, attrs ?? {})) as unknown as TensorInfo | TensorInfo[];
  registerKernel({ kernelName, backendName, kernelFunc });
  compositeRegistrations.set(`${backendName}:${kernelName}`, kernelFunc);
}

/**
 * True when `kernelName` runs on `backendName` through the composite default
 * (false once a backend package has replaced it with its own kernel).
 */
export function isCompositeKernel(kernelName: string, backendName: string): boolean {
  const composite = compositeRegistrations.get(`${backendName}:${kernelName}`);
  return composite !== undefined && getKernel(kernelName, backendName)?.kernelFunc === composite;
}

/**
 * True when `backendName` has its own kernel for `kernelName` (registered by
 * a backend package), not the composite default and not nothing. An op whose
 * fused kernel only pays where a backend implements it asks this first, and
 * elsewhere runs the ops it fuses, with their own gradients.
 *
 * @example
 * ```ts
 * hasBackendKernel(DropoutMatMul, getBackend()); // true on 'cpu' and 'wasm' with @gnnjs/backend-cpu / -wasm
 * ```
 */
export function hasBackendKernel(kernelName: string, backendName: string): boolean {
  return getKernel(kernelName, backendName) !== undefined && !isCompositeKernel(kernelName, backendName);
}
