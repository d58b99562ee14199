/** safetensors dtype names and what we do with each. */
import type { ElementType } from '../elements.js';
import type { HostDType } from '../host_tensor.js';

/** dtypes read (F16/BF16 widen to float32, I8/U8/I16 to int32). */
export const READ_DTYPES: ReadonlyMap<string, ElementType> = new Map<string, ElementType>([
  ['F64', 'f64'],
  ['F32', 'f32'],
  ['F16', 'f16'],
  ['BF16', 'bf16'],
  ['I64', 'i64'],
  ['I32', 'i32'],
  ['I16', 'i16'],
  ['I8', 'i8'],
  ['U8', 'u8'],
  ['BOOL', 'bool'],
]);

/** The dtype written for each host dtype. */
export const WRITE_DTYPES: Readonly<Record<HostDType, string>> = {
  float64: 'F64',
  float32: 'F32',
  int64: 'I64',
  int32: 'I32',
  bool: 'BOOL',
};
