/**
 * Decoding raw element bytes (of a torch storage or a safetensors tensor) into
 * host arrays. float16 and bfloat16 widen to float32, 8- and 16-bit integers to
 * int32; int64 stays exact.
 */
import { WeightsFormatError, type WeightsErrorPlace } from './errors.js';
import type { HostDType, HostTensor } from './host_tensor.js';

/** An element type as files store it. */
export type ElementType = 'f64' | 'f32' | 'f16' | 'bf16' | 'i64' | 'i32' | 'i16' | 'i8' | 'u8' | 'bool';

/** Bytes per element. */
export const ELEMENT_SIZES: Readonly<Record<ElementType, number>> = {
  f64: 8,
  f32: 4,
  f16: 2,
  bf16: 2,
  i64: 8,
  i32: 4,
  i16: 2,
  i8: 1,
  u8: 1,
  bool: 1,
};

/** The host dtype each element type is read as. */
export const ELEMENT_HOST_DTYPES: Readonly<Record<ElementType, HostDType>> = {
  f64: 'float64',
  f32: 'float32',
  f16: 'float32',
  bf16: 'float32',
  i64: 'int64',
  i32: 'int32',
  i16: 'int32',
  i8: 'int32',
  u8: 'int32',
  bool: 'bool',
};

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The elements of `bytes` (whose length is a multiple of the element size).
 * Bytes of a bool other than 0 and 1 are an error, as in PyTorch's checks.
 */
export function decodeElements(
  bytes: Uint8Array,
  type: ElementType,
  littleEndian: boolean,
  file: string,
  place: WeightsErrorPlace,
): HostTensor['data'] {
  const n = bytes.length / ELEMENT_SIZES[type];
  // A copy keeps the result aligned and detached from the file's buffer.
  const native = littleEndian === HOST_IS_LITTLE_ENDIAN;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'f64':
      return native ? new Float64Array(bytes.slice().buffer) : Float64Array.from({ length: n }, (_, i) => view.getFloat64(i * 8, littleEndian));
    case 'f32':
      return native ? new Float32Array(bytes.slice().buffer) : Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, littleEndian));
    case 'i64':
      return native ? new BigInt64Array(bytes.slice().buffer) : BigInt64Array.from({ length: n }, (_, i) => view.getBigInt64(i * 8, littleEndian));
    case 'i32':
      return native ? new Int32Array(bytes.slice().buffer) : Int32Array.from({ length: n }, (_, i) => view.getInt32(i * 4, littleEndian));
    case 'i16':
      return Int32Array.from({ length: n }, (_, i) => view.getInt16(i * 2, littleEndian));
    case 'i8':
      return Int32Array.from({ length: n }, (_, i) => view.getInt8(i));
    case 'u8':
      return Int32Array.from(bytes);
    case 'f16':
      return Float32Array.from({ length: n }, (_, i) => halfToFloat(view.getUint16(i * 2, littleEndian)));
    case 'bf16': {
      const bits = new Uint32Array(n);
      for (let i = 0; i < n; i++) bits[i] = view.getUint16(i * 2, littleEndian) << 16;
      return new Float32Array(bits.buffer);
    }
    case 'bool': {
      const bad = bytes.findIndex((b) => b > 1);
      if (bad >= 0) throw new WeightsFormatError(`bool element ${bad} holds byte ${bytes[bad]}, not 0 or 1`, file, place);
      return bytes.slice();
    }
  }
}

/** IEEE 754 binary16 → number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
