/**
 * Between host tensors and TensorFlow.js tensors. tfjs has float32, int32 and
 * bool: float64 is rounded to float32, and int64 becomes int32 only when every
 * value fits (otherwise a {@link WeightsFormatError} naming the key).
 */
import * as tf from '@tensorflow/tfjs-core';
import { WeightsFormatError } from './errors.js';
import { setEntry, type HostTensor } from './host_tensor.js';

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/**
 * A tfjs tensor of `host`'s values: float32/float64 → float32, int32 → int32,
 * int64 → int32 when every value is within int32, bool → bool.
 *
 * @param key - the tensor's name, for the error on int64 values beyond int32.
 * @example
 * ```ts
 * const t = toTensor({ dtype: 'int64', shape: [2], data: BigInt64Array.of(1n, 2n) }, 'idx', 'm.pt'); // int32 [1, 2]
 * ```
 */
export function toTensor(host: HostTensor, key: string, file: string): tf.Tensor {
  const shape = [...host.shape];
  switch (host.dtype) {
    case 'float32':
      return tf.tensor(host.data, shape, 'float32');
    case 'float64':
      return tf.tensor(Float32Array.from(host.data), shape, 'float32');
    case 'int32':
      return tf.tensor(host.data, shape, 'int32');
    case 'bool':
      return tf.tensor(host.data, shape, 'bool');
    case 'int64': {
      const out = new Int32Array(host.data.length);
      for (let i = 0; i < out.length; i++) {
        const v = host.data[i]!;
        if (v < INT32_MIN || v > INT32_MAX) {
          throw new WeightsFormatError(
            `int64 value ${v} at flat index ${i} does not fit int32, and tfjs has no int64 (read it with the host reader, which keeps int64 exact)`,
            file,
            { key },
          );
        }
        out[i] = Number(v);
      }
      return tf.tensor(out, shape, 'int32');
    }
  }
}

/**
 * {@link toTensor} of every entry, by key; on an error the tensors already
 * made are freed before it propagates.
 *
 * @example
 * ```ts
 * const dict = toTensors(readSafetensors(bytes).tensors, 'model.safetensors');
 * ```
 */
export function toTensors(host: Readonly<Record<string, HostTensor>>, file: string): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  try {
    for (const [key, tensor] of Object.entries(host)) setEntry(out, key, toTensor(tensor, key, file));
  } catch (error) {
    tf.dispose(Object.values(out));
    throw error;
  }
  return out;
}

/**
 * Host copies of tfjs tensors (e.g. `model.stateDict()`), for
 * `writeSafetensors`: float32 → float32, int32 → int32, bool → bool.
 *
 * @example
 * ```ts
 * const bytes = writeSafetensors(await toHostTensors(model.stateDict()), { metadata: { format: 'pt' } });
 * ```
 */
export async function toHostTensors(tensors: Readonly<Record<string, tf.Tensor>>): Promise<Record<string, HostTensor>> {
  const out: Record<string, HostTensor> = {};
  for (const [key, tensor] of Object.entries(tensors)) {
    const shape = [...tensor.shape];
    const values = await tensor.data();
    if (tensor.dtype === 'float32') setEntry(out, key, { dtype: 'float32', shape, data: Float32Array.from(values as Float32Array) });
    else if (tensor.dtype === 'int32') setEntry(out, key, { dtype: 'int32', shape, data: Int32Array.from(values as Int32Array) });
    else if (tensor.dtype === 'bool') setEntry(out, key, { dtype: 'bool', shape, data: Uint8Array.from(values as Uint8Array) });
    else throw new WeightsFormatError(`tfjs dtype ${tensor.dtype} cannot be written (float32, int32 and bool can)`, 'tensors', { key });
  }
  return out;
}
