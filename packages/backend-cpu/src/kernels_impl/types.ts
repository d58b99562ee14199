/** Typed arrays a kernel may read numeric tensor values from (float32, int32, bool). */
export type NumericArray = Float32Array | Int32Array | Uint8Array;

/** Product of the dimensions of `shape` (1 for a scalar shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}
