import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NumericArray } from './types.js';

/**
 * How a kernel reaches tensor values on a backend that keeps them in typed
 * arrays (tfjs-cpu's JavaScript arrays, tfjs-wasm's heap), so that one kernel
 * serves both. Allocate the output before taking views of the inputs: on
 * wasm an allocation may grow the heap and detach the views taken before it.
 */
export interface HostMemory<Backend> {
  /** The tfjs backend name kernels built on this memory register for. */
  readonly backendName: string;
  float32(backend: Backend, t: TensorInfo): Float32Array;
  int32(backend: Backend, t: TensorInfo): Int32Array;
  /** Values of a float32, int32 or bool tensor, in the array type they are stored in. */
  numeric(backend: Backend, t: TensorInfo): NumericArray;
  /** A new float32 tensor of `shape` and a view of its values, for the kernel to overwrite (they need not start at 0). */
  float32Output(backend: Backend, shape: readonly number[]): { out: TensorInfo; values: Float32Array };
  /** Frees a tensor made by {@link float32Output} that the kernel does not return. */
  dispose(backend: Backend, t: TensorInfo): void;
}
