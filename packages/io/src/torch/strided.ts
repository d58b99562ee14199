/** Copying a strided view of a storage into a new row-major array. */
import type { HostTensor } from '../host_tensor.js';

type Data = HostTensor['data'];

/**
 * Element (i₀, i₁, …) of the result is `storage[offset + Σ iₖ·strideₖ]`; the
 * caller has checked that every such index is inside `storage`.
 */
export function gatherStrided<A extends Data>(storage: A, offset: number, size: readonly number[], stride: readonly number[], count: number): A {
  const out = new (storage.constructor as new (n: number) => A)(count);
  if (count === 0) return out;
  if (isContiguous(size, stride)) {
    out.set(storage.subarray(offset, offset + count) as never);
    return out;
  }
  const rank = size.length;
  const index = new Array<number>(rank).fill(0);
  let at = offset;
  for (let i = 0; i < count; i++) {
    out[i] = storage[at]!;
    // Odometer: bump the last axis, carry into earlier ones.
    for (let d = rank - 1; d >= 0; d--) {
      index[d]! += 1;
      at += stride[d]!;
      if (index[d]! < size[d]!) break;
      at -= stride[d]! * size[d]!;
      index[d] = 0;
    }
  }
  return out;
}

/** Whether `stride` is the row-major stride of `size` (axes of length 1 may have any stride). */
export function isContiguous(size: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let d = size.length - 1; d >= 0; d--) {
    if (size[d] !== 1 && stride[d] !== expected) return false;
    expected *= size[d]!;
  }
  return true;
}
