import type * as tf from '@tensorflow/tfjs-core';
import { toTensors } from '../tfjs_tensors.js';
import { readSafetensors, type SafetensorsReadOptions } from './read_safetensors.js';

/**
 * The tensors of a safetensors file as tfjs tensors (F64 rounded to float32;
 * I64 as int32 when every value fits, else a `WeightsFormatError` naming the
 * key). The caller disposes them.
 *
 * @example
 * ```ts
 * const dict = loadSafetensors(bytes, { file: 'gat.safetensors' });
 * model.loadStateDict(dict); // copies the values in
 * tf.dispose(Object.values(dict));
 * ```
 */
export function loadSafetensors(bytes: Uint8Array, options: SafetensorsReadOptions = {}): Record<string, tf.Tensor> {
  const file = options.file ?? 'model.safetensors';
  return toTensors(readSafetensors(bytes, options).tensors, file);
}
