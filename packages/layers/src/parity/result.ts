import * as tf from '@tensorflow/tfjs-core';
import { flatData, type FixtureTensor, type FixtureTensors } from './fixture.js';

/** Max absolute errors of one fixture run against PyG (`null`: not part of this fixture). */
export interface FixtureErrors {
  output: number;
  loss: number | null;
  attention: number | null;
  gcnNorm: number | null;
  /** d loss / d x (the largest over node types for heterogeneous fixtures). */
  gradX: number | null;
  /** Per parameter, by PyG name. */
  grads: Record<string, number>;
  /** Builder-specific comparisons, by name. */
  extra: Record<string, number>;
}

/** The outcome of one fixture on the active backend. */
export interface FixtureResult {
  layer: string;
  repr: { expected: string | null; actual: string | null };
  errors: FixtureErrors;
  /** Largest of all numeric errors (Infinity on a shape or index mismatch). */
  maxError: number;
  /** Largest gradient error (x and every parameter); `null` when the fixture has no gradients. */
  maxGradError: number | null;
  /** Structural mismatches: repr, parameter names, state-dict keys, shapes. */
  problems: string[];
}

/**
 * Max |ours - theirs|, or Infinity when the shapes differ or a value is NaN.
 * Reads `ours` asynchronously (so it works on WebGPU in Node); the caller
 * still owns it.
 */
export async function maxAbsError(ours: tf.Tensor, theirs: FixtureTensor): Promise<number> {
  if (!tf.util.arraysEqual(ours.shape, theirs.shape)) return Infinity;
  const a = await ours.data();
  const b = flatData(theirs);
  let worst = 0;
  for (let k = 0; k < b.length; k += 1) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  return Number.isNaN(worst) ? Infinity : worst;
}

/** {@link maxAbsError} of a tensor or of one tensor per key (Infinity when the keys differ). */
export async function maxAbsErrorOf(ours: tf.Tensor | Readonly<Record<string, tf.Tensor>>, theirs: FixtureTensors): Promise<number> {
  const single = 'shape' in theirs && Array.isArray((theirs as FixtureTensor).shape);
  if (ours instanceof tf.Tensor) return single ? maxAbsError(ours, theirs as FixtureTensor) : Infinity;
  if (single) return Infinity;
  const expected = theirs as Record<string, FixtureTensor>;
  const keys = Object.keys(expected);
  if (Object.keys(ours).sort().join() !== [...keys].sort().join()) return Infinity;
  let worst = 0;
  for (const k of keys) worst = Math.max(worst, await maxAbsError(ours[k]!, expected[k]!));
  return worst;
}

/**
 * Max |ours - theirs| with each column's sign chosen to fit best, for
 * results defined up to sign per column (eigenvectors). Infinity when the
 * shapes differ or a value is NaN.
 */
export async function maxAbsErrorUpToSign(ours: tf.Tensor2D, theirs: FixtureTensor): Promise<number> {
  if (!tf.util.arraysEqual(ours.shape, theirs.shape)) return Infinity;
  const [rows, cols] = ours.shape;
  const a = await ours.data();
  const b = flatData(theirs);
  let worst = 0;
  for (let c = 0; c < cols; c += 1) {
    let same = 0;
    let flipped = 0;
    for (let r = 0; r < rows; r += 1) {
      same = Math.max(same, Math.abs(a[r * cols + c]! - b[r * cols + c]!));
      flipped = Math.max(flipped, Math.abs(a[r * cols + c]! + b[r * cols + c]!));
    }
    worst = Math.max(worst, Math.min(same, flipped));
  }
  return Number.isNaN(worst) ? Infinity : worst;
}
