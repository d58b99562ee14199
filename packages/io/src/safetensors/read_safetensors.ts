/**
 * Reads the safetensors format: an 8-byte little-endian header length N, N
 * bytes of UTF-8 JSON `{name: {dtype, shape, data_offsets: [begin, end)}}`
 * with an optional `__metadata__` of strings (padded with trailing spaces),
 * then the data: row-major little-endian tensors back to back, no holes.
 */
import { ELEMENT_HOST_DTYPES, ELEMENT_SIZES, decodeElements, type ElementType } from '../elements.js';
import { WeightsFormatError } from '../errors.js';
import { hostTensor, setEntry, type HostTensor } from '../host_tensor.js';
import { READ_DTYPES } from './dtypes.js';

/** Options of the safetensors readers. */
export interface SafetensorsReadOptions {
  /** The file's name in error messages (default `'model.safetensors'`). */
  readonly file?: string;
}

/** What a safetensors file holds. */
export interface SafetensorsContent {
  /** The tensors by name, in header order. */
  readonly tensors: Record<string, HostTensor>;
  /** `__metadata__` (string → string), or `undefined` when the header has none. */
  readonly metadata: Record<string, string> | undefined;
}

/** The format's own limit on the header size. */
const MAX_HEADER = 100_000_000;
const METADATA = '__metadata__';

interface Slot {
  readonly key: string;
  readonly type: ElementType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/**
 * The tensors and metadata of a safetensors file, as host arrays (F32, F16,
 * BF16 → float32; F64 → float64; I64 → exact int64; I32, I16, I8, U8 → int32;
 * BOOL → bool). Throws {@link WeightsFormatError} naming the file and the
 * tensor on a header that lies: lengths out of range, offsets that overlap,
 * leave holes or disagree with dtype × shape, non-string metadata, unknown
 * dtypes.
 *
 * @example
 * ```ts
 * const { tensors, metadata } = readSafetensors(bytes, { file: 'model.safetensors' });
 * tensors['weight']; // { dtype: 'float32', shape: [3, 4], data: Float32Array(12) }
 * ```
 */
export function readSafetensors(bytes: Uint8Array, options: SafetensorsReadOptions = {}): SafetensorsContent {
  const file = options.file ?? 'model.safetensors';
  const fail = (reason: string, key?: string): never => {
    throw new WeightsFormatError(reason, file, key === undefined ? {} : { key });
  };
  if (bytes.length < 8) fail(`${bytes.length} bytes: too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(Math.min(bytes.length - 8, MAX_HEADER))) fail(`header length ${n} runs past the file's ${bytes.length} bytes`);
  const headerEnd = 8 + Number(n);
  const header = parseHeader(bytes.subarray(8, headerEnd), fail);
  const dataLength = bytes.length - headerEnd;

  let metadata: Record<string, string> | undefined;
  const slots: Slot[] = [];
  for (const [key, value] of Object.entries(header)) {
    if (key === METADATA) metadata = parseMetadata(value, fail);
    else slots.push(parseSlot(key, value, fail));
  }
  checkLayout(slots, dataLength, fail);

  const tensors: Record<string, HostTensor> = {};
  for (const slot of slots) {
    const raw = bytes.subarray(headerEnd + slot.begin, headerEnd + slot.end);
    const data = decodeElements(raw, slot.type, true, file, { key: slot.key });
    setEntry(tensors, slot.key, hostTensor(ELEMENT_HOST_DTYPES[slot.type], slot.shape, data));
  }
  return { tensors, metadata };
}

function parseHeader(raw: Uint8Array, fail: (reason: string) => never): Record<string, unknown> {
  if (raw[0] !== 0x7b) fail(`header must start with '{'`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (error) {
    fail(`header is not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('header must be a JSON object');
  return value as Record<string, unknown>;
}

function parseMetadata(value: unknown, fail: (reason: string, key?: string) => never): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${METADATA} must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(`${METADATA}.${k} is a ${v === null ? 'null' : typeof v}, not a string`);
    setEntry(out, k, v as string);
  }
  return out;
}

function parseSlot(key: string, value: unknown, fail: (reason: string, key?: string) => never): Slot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('header entry must be {dtype, shape, data_offsets}', key);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') return fail('dtype must be a string', key);
  const type = READ_DTYPES.get(dtype);
  if (type === undefined) return fail(`unsupported dtype ${JSON.stringify(dtype)} (read: ${[...READ_DTYPES.keys()].join(', ')})`, key);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    return fail(`shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`, key);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    return fail(`data_offsets must be [begin, end] of non-negative integers, got ${JSON.stringify(offsets)}`, key);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`data_offsets [${begin}, ${end}] end before they begin`, key);
  let bytes = ELEMENT_SIZES[type];
  for (const d of shape as number[]) {
    bytes *= d;
    if (!Number.isSafeInteger(bytes)) fail(`shape [${shape.join(', ')}] is too large`, key);
  }
  if (end - begin !== bytes) fail(`${dtype} of shape [${shape.join(', ')}] needs ${bytes} bytes, data_offsets [${begin}, ${end}] hold ${end - begin}`, key);
  return { key, type, shape: shape as number[], begin, end };
}

/** The tensors must tile the data buffer exactly: sorted by offset, each begins where the previous ends. */
function checkLayout(slots: readonly Slot[], dataLength: number, fail: (reason: string, key?: string) => never): void {
  const sorted = [...slots].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const slot of sorted) {
    if (slot.begin < at) fail(`data_offsets [${slot.begin}, ${slot.end}] overlap the previous tensor, which ends at ${at}`, slot.key);
    if (slot.begin > at) fail(`data_offsets [${slot.begin}, ${slot.end}] leave a hole [${at}, ${slot.begin}) in the data`, slot.key);
    if (slot.end > dataLength) fail(`data_offsets [${slot.begin}, ${slot.end}] run past the data, which holds ${dataLength} bytes`, slot.key);
    at = slot.end;
  }
  if (at !== dataLength) fail(`the data holds ${dataLength} bytes but the tensors cover ${at}`);
}
