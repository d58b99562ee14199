import type { DataType, Tensor } from '@tensorflow/tfjs-core';

/**
 * Throws unless `actual` has `shape`, `dtype` and values within `tolerance`
 * of `expected` (flattened, row-major). Framework-free, so that any test
 * runner can run the cases.
 */
export function assertTensor(
  actual: Tensor,
  expected: readonly number[],
  shape: readonly number[],
  { dtype = 'float32', tolerance = 1e-6 }: { dtype?: DataType; tolerance?: number } = {},
): void {
  if (actual.shape.length !== shape.length || actual.shape.some((d, k) => d !== shape[k])) {
    throw new Error(`expected shape [${shape.join(', ')}], got [${actual.shape.join(', ')}]`);
  }
  if (actual.dtype !== dtype) throw new Error(`expected dtype ${dtype}, got ${actual.dtype}`);
  const values = actual.dataSync();
  if (values.length !== expected.length) {
    throw new Error(`expected ${expected.length} values, got ${values.length}`);
  }
  for (let k = 0; k < expected.length; k++) {
    const a = Number(values[k]);
    const e = expected[k]!;
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) {
      throw new Error(`value ${k}: expected ${e}, got ${a} (all: [${Array.from(values).join(', ')}])`);
    }
  }
}
