import type { Tensor } from '@tensorflow/tfjs-core';
import type { HostTensor } from './host_tensor.js';

/**
 * Tolerance of a float32 result against a float64 reference: an element
 * passes when `|actual − expected| ≤ absolute + relative · |expected|`.
 * The defaults (1e-5 absolute, 1e-4 relative) leave room for float32
 * rounding in sums of a few hundred terms of magnitude ~1 (the hub graph)
 * while still catching any wrong index, missing term or misplaced scale.
 */
export interface ConformanceTolerance {
  readonly absolute: number;
  readonly relative: number;
}

export const DEFAULT_TOLERANCE: ConformanceTolerance = { absolute: 1e-5, relative: 1e-4 };

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Rejects with a descriptive error unless `actual` matches `expected` within
 * `tolerance`. Reads `actual` asynchronously (`data()`), so it works on
 * backends without a synchronous read-back (WebGPU in Node); the caller
 * still owns, and disposes, `actual`.
 */
export async function assertClose(actual: Tensor, expected: HostTensor, tolerance: ConformanceTolerance, what: string): Promise<void> {
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, k) => d !== expected.shape[k])) {
    throw new Error(`${what}: shape ${shapeText(actual.shape)}, expected ${shapeText(expected.shape)}`);
  }
  if (actual.dtype !== 'float32') throw new Error(`${what}: dtype ${actual.dtype}, expected float32`);
  const values = await actual.data<'float32'>();
  let failures = 0;
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < values.length; i++) {
    const a = values[i]!;
    const b = expected.data[i]!;
    const excess = Math.abs(a - b) - (tolerance.absolute + tolerance.relative * Math.abs(b));
    if (!(excess <= 0)) {
      failures++;
      if (worst < 0 || !(excess <= worstExcess)) {
        worst = i;
        worstExcess = excess;
      }
    }
  }
  if (failures > 0) {
    throw new Error(
      `${what}: ${failures} of ${values.length} elements differ from the float64 reference ` +
        `(|Δ| > ${tolerance.absolute} + ${tolerance.relative}·|expected|); worst at flat index ${worst}: ` +
        `got ${values[worst]}, expected ${expected.data[worst]}`,
    );
  }
}

/** Rejects unless two tensors hold bit-identical float32 values (read asynchronously; the caller disposes them). */
export async function assertBitIdentical(first: Tensor, second: Tensor, what: string): Promise<void> {
  const [x, y] = await Promise.all([first.data(), second.data()]);
  const a = new Uint32Array(Float32Array.from(x).buffer);
  const b = new Uint32Array(Float32Array.from(y).buffer);
  if (a.length !== b.length) throw new Error(`${what}: sizes ${a.length} and ${b.length} differ between runs`);
  const i = a.findIndex((bits, k) => bits !== b[k]);
  if (i >= 0) throw new Error(`${what}: runs differ at flat index ${i} (${x[i]} vs ${y[i]})`);
}
