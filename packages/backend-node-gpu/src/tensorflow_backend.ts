/**
 * The slice of tfjs-node's `NodeJSKernelBackend` that the GNN kernels use,
 * typed structurally: tfjs-node cannot be imported statically (its import
 * throws when the native binding is missing), so nothing here names its types.
 */
import type { DataType, Tensor, TensorInfo } from '@tensorflow/tfjs-core';

/** One attribute of a TensorFlow eager op, as the binding expects it. */
export interface TfOpAttr {
  name: string;
  type: number;
  value: boolean | number | string | number[];
}

/** Enum values the native binding exports (`TF_FLOAT`, `TF_ATTR_TYPE`, ...). */
export interface TfBindingConstants {
  readonly TF_FLOAT: number;
  readonly TF_INT32: number;
  readonly TF_BOOL: number;
  readonly TF_ATTR_INT: number;
  readonly TF_ATTR_BOOL: number;
  readonly TF_ATTR_TYPE: number;
}

/** The `tensorflow` backend of tfjs-node(-gpu), seen through what we call. */
export interface TensorflowBackend {
  readonly binding: TfBindingConstants;
  /** Set by tfjs-node from TensorFlow's device list when the backend starts. */
  readonly isUsingGpuDevice: boolean;
  executeSingleOutput(name: string, opAttrs: TfOpAttr[], inputs: TensorInfo[]): Tensor;
}

/** True when `backend` has the shape of tfjs-node's kernel backend. */
export function isTensorflowBackend(backend: unknown): backend is TensorflowBackend {
  if (typeof backend !== 'object' || backend === null) return false;
  const candidate = backend as Partial<TensorflowBackend>;
  return (
    typeof candidate.executeSingleOutput === 'function' &&
    typeof candidate.binding === 'object' &&
    candidate.binding !== null &&
    typeof candidate.binding.TF_ATTR_TYPE === 'number'
  );
}

/** TensorFlow's `DataType` enum value of a tfjs dtype the GNN kernels use. */
export function tfDataType(backend: TensorflowBackend, dtype: DataType): number {
  switch (dtype) {
    case 'float32':
      return backend.binding.TF_FLOAT;
    case 'int32':
      return backend.binding.TF_INT32;
    case 'bool':
      return backend.binding.TF_BOOL;
    default:
      throw new Error(`The GNN kernels of the tensorflow backend do not handle dtype '${dtype}'.`);
  }
}
