/**
 * Typed views of a tensor's values on tfjs's CPU backend. Values are stored
 * as typed arrays of the tensor's dtype; the conversions only guard against a
 * backend that stored another array type (they copy, so they never run on the
 * hot path in practice).
 */
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { sizeOf, type HostMemory, type NumericArray } from '../kernels_impl/index.js';

function valuesOf(backend: MathBackendCPU, t: TensorInfo): unknown {
  return backend.data.get(t.dataId).values;
}

export function float32Values(backend: MathBackendCPU, t: TensorInfo): Float32Array {
  const values = valuesOf(backend, t);
  return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}

export function int32Values(backend: MathBackendCPU, t: TensorInfo): Int32Array {
  const values = valuesOf(backend, t);
  return values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
}

/** Values of a float32, int32 or bool tensor, in the array type they are stored in. */
export function numericValues(backend: MathBackendCPU, t: TensorInfo): NumericArray {
  const values = valuesOf(backend, t);
  if (values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array) return values;
  return Float32Array.from(values as ArrayLike<number>);
}

/** tfjs-cpu's tensor memory for the kernels shared with the wasm backend. */
export const cpuMemory: HostMemory<MathBackendCPU> = {
  backendName: 'cpu',
  float32: float32Values,
  int32: int32Values,
  numeric: numericValues,
  float32Output(backend, shape) {
    const values = new Float32Array(sizeOf(shape));
    // tfjs-cpu keeps the array it is given: the kernel fills the tensor's own values.
    return { out: backend.makeTensorInfo([...shape], 'float32', values), values };
  },
  dispose: (backend, t) => backend.disposeData(t.dataId),
};
