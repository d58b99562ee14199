import { isTensorflowBackend } from '../tensorflow_backend.js';
import { TfOps } from './tf_ops.js';

/** The native ops of `backend`, which must be tfjs-node's `tensorflow` backend. */
export function tfOpsOf(backend: unknown, kernelName: string): TfOps {
  if (!isTensorflowBackend(backend)) {
    throw new Error(`${kernelName}: expected tfjs-node's 'tensorflow' backend (with executeSingleOutput)`);
  }
  return new TfOps(backend);
}
