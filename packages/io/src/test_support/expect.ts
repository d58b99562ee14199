/** Assertions shared by this package's tests. */
import { WeightsFormatError } from '../errors.js';
import type { HostTensor } from '../host_tensor.js';

/** Nested JSON lists (or a scalar) flattened in row-major order. */
export function flat(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flat) : [value];
}

/** The JSON values as the host array of `dtype` holds them ('inf' strings become infinities). */
export function expectedElements(dtype: HostTensor['dtype'], data: unknown): unknown[] {
  return flat(data).map((v) => {
    const n = v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v;
    if (dtype === 'float32') return Math.fround(n as number);
    if (dtype === 'int64') return BigInt(n as number);
    if (dtype === 'bool') return n ? 1 : 0;
    return n;
  });
}

/** Runs `fn` and returns the WeightsFormatError it throws (failing on anything else). */
export function weightsError(fn: () => unknown): WeightsFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WeightsFormatError) return error;
    throw new Error(`expected a WeightsFormatError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a WeightsFormatError, nothing was thrown');
}
