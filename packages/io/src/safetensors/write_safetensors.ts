/** Writes the safetensors format exactly (see `read_safetensors.ts` for the layout). */
import { WeightsFormatError } from '../errors.js';
import { HOST_ITEM_SIZES, checkHostTensor, type HostTensor } from '../host_tensor.js';
import { WRITE_DTYPES } from './dtypes.js';

/** Options of {@link writeSafetensors}. */
export interface SafetensorsWriteOptions {
  /** `__metadata__`: free-form string → string pairs (e.g. `{ format: 'pt' }`). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * A safetensors file of `tensors` (float32 → F32, float64 → F64, int64 → I64,
 * int32 → I32, bool → BOOL). The header is compact JSON with `__metadata__`
 * first, then the tensors in the record's order, padded with spaces to a
 * multiple of 8 bytes; the data follows little-endian, back to back, in the
 * same order. Python's `safetensors.torch.load_file` reads it.
 *
 * @example
 * ```ts
 * const bytes = writeSafetensors({ bias: { dtype: 'float32', shape: [2], data: Float32Array.of(1, 2) } }, { metadata: { format: 'pt' } });
 * ```
 */
export function writeSafetensors(tensors: Readonly<Record<string, HostTensor>>, options: SafetensorsWriteOptions = {}): Uint8Array {
  const file = 'safetensors output';
  const parts: string[] = [];
  if (options.metadata !== undefined) {
    for (const [k, v] of Object.entries(options.metadata)) {
      if (typeof v !== 'string') throw new WeightsFormatError(`metadata '${k}' is a ${typeof v}, not a string`, file);
    }
    parts.push(`"__metadata__":${JSON.stringify(options.metadata)}`);
  }
  let offset = 0;
  const entries = Object.entries(tensors);
  for (const [key, tensor] of entries) {
    if (key === '__metadata__') throw new WeightsFormatError(`'__metadata__' is reserved and cannot name a tensor`, file, { key });
    checkHostTensor(tensor, key, file);
    const length = tensor.data.length * HOST_ITEM_SIZES[tensor.dtype];
    const info = { dtype: WRITE_DTYPES[tensor.dtype], shape: tensor.shape, data_offsets: [offset, offset + length] };
    parts.push(`${JSON.stringify(key)}:${JSON.stringify(info)}`);
    offset += length;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const [key, tensor] of entries) at = writeData(view, at, tensor, key, file);
  return out;
}

function writeData(view: DataView, at: number, tensor: HostTensor, key: string, file: string): number {
  switch (tensor.dtype) {
    case 'float32':
      tensor.data.forEach((v, i) => view.setFloat32(at + i * 4, v, true));
      return at + tensor.data.length * 4;
    case 'float64':
      tensor.data.forEach((v, i) => view.setFloat64(at + i * 8, v, true));
      return at + tensor.data.length * 8;
    case 'int32':
      tensor.data.forEach((v, i) => view.setInt32(at + i * 4, v, true));
      return at + tensor.data.length * 4;
    case 'int64':
      tensor.data.forEach((v, i) => view.setBigInt64(at + i * 8, v, true));
      return at + tensor.data.length * 8;
    case 'bool':
      tensor.data.forEach((v, i) => {
        if (v > 1) throw new WeightsFormatError(`bool element ${i} is ${v}, not 0 or 1`, file, { key });
        view.setUint8(at + i, v);
      });
      return at + tensor.data.length;
  }
}
