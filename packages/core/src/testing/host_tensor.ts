/** A float64 tensor in plain JS memory, as the reference implementations use it. */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Number of elements in a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Elements per leading index: the size of `shape[1:]`. */
export function rowSizeOf(shape: readonly number[]): number {
  return sizeOf(shape.slice(1));
}

export function hostZeros(shape: readonly number[]): HostTensor {
  return { shape: [...shape], data: new Float64Array(sizeOf(shape)) };
}
