/** Typed arrays a kernel may read numeric tensor values from (float32, int32, bool). */
export type NumericArray = Float32Array | Int32Array | Uint8Array;

/** Product of the dimensions of `shape` (1 for a scalar shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Signature shared by the segment reductions (sum, mean, max, min). */
export type SegmentReduceImpl = (
  data: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
) => void;

/**
 * A kernel's inputs as tfjs's engine passes them: `NamedTensorInfoMap` types
 * every input as possibly undefined, but the ops always supply the required ones.
 */
export type Supplied<T> = { [K in keyof T]-?: NonNullable<T[K]> };
