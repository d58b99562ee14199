import type * as tf from '@tensorflow/tfjs-core';
import { setEntry } from '../host_tensor.js';
import { toTensor } from '../tfjs_tensors.js';
import { readSafetensors, type SafetensorsReadOptions } from './read_safetensors.js';

/**
 * The tensors of a safetensors file as tfjs tensors (F64 rounded to float32;
 * I64 as int32 when every value fits, else a `WeightsFormatError` naming the
 * key). The caller disposes them.
 *
 * @example
 * ```ts
 * model.loadStateDict(loadSafetensors(bytes, { file: 'gat.safetensors' }));
 * ```
 */
export function loadSafetensors(bytes: Uint8Array, options: SafetensorsReadOptions = {}): Record<string, tf.Tensor> {
  const file = options.file ?? 'model.safetensors';
  const { tensors } = readSafetensors(bytes, options);
  const out: Record<string, tf.Tensor> = {};
  try {
    for (const [key, tensor] of Object.entries(tensors)) setEntry(out, key, toTensor(tensor, key, file));
  } catch (error) {
    for (const t of Object.values(out)) t.dispose();
    throw error;
  }
  return out;
}
