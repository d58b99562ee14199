/**
 * Reads what `torch.save(model.state_dict(), path)` writes (PyTorch ≥ 1.6 zip
 * format) into host arrays, without TensorFlow.js.
 */
import { ELEMENT_HOST_DTYPES, ELEMENT_SIZES, decodeElements } from '../elements.js';
import { PickleError, WeightsFormatError } from '../errors.js';
import { hostTensor, setEntry, type HostTensor } from '../host_tensor.js';
import { readPickle } from '../pickle/reader.js';
import { PyDict, describe, type PickleValue } from '../pickle/values.js';
import { readZip, type ZipArchive } from '../zip/read_zip.js';
import { gatherStrided } from './strided.js';
import { STORAGE_TYPES, TORCH_PICKLE_GLOBALS, TensorRef, loadStorage, type StorageRef } from './torch_globals.js';

/** Options of the `.pt` readers. */
export interface TorchReadOptions {
  /** The file's name in error messages (default `'state_dict.pt'`). */
  readonly file?: string;
}

/** Largest element count of one tensor we materialize (typed arrays beyond it are not portable). */
const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * The tensors of a PyTorch state dict, by key in file order, as host arrays:
 * float32 (also from float16/bfloat16), float64, int64 as exact
 * `BigInt64Array`, int32 (also from int8/uint8/int16), bool as 0/1 bytes. Views
 * (storage offsets, any strides, shared storages) come out as fresh row-major
 * arrays.
 *
 * Throws {@link WeightsFormatError} naming the file and the key or archive
 * entry on anything it cannot read exactly: not a zip (e.g. the legacy format
 * of `_use_new_zipfile_serialization=False`), truncation, CRC mismatch, a
 * pickle naming a global outside the allow-list, a value that is not a
 * tensor, an unsupported dtype, a view outside its storage.
 *
 * @example
 * ```ts
 * const dict = readTorchStateDict(new Uint8Array(await (await fetch('gat_cora.pt')).arrayBuffer()), { file: 'gat_cora.pt' });
 * dict['conv1.lin.weight']; // { dtype: 'float32', shape: [64, 1433], data: Float32Array }
 * ```
 */
export function readTorchStateDict(bytes: Uint8Array, options: TorchReadOptions = {}): Record<string, HostTensor> {
  const file = options.file ?? 'state_dict.pt';
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] === 0x02) {
    throw new WeightsFormatError(
      'legacy (pre-1.6) torch.save format; re-save it with torch >= 1.6 and the default _use_new_zipfile_serialization=True',
      file,
    );
  }
  const zip = readZip(bytes, file);
  const top = topFolder(zip, file);
  const pklEntry = `${top}/data.pkl`;
  const root = unpickle(zip.get(pklEntry)!.read(), file, pklEntry);
  if (!(root instanceof PyDict)) {
    throw new WeightsFormatError(`data.pkl holds a ${describe(root)}, not a state dict (an OrderedDict of tensors)`, file, { entry: pklEntry });
  }
  const littleEndian = byteOrder(zip, top, file);
  const storages = new Storages(zip, top, littleEndian, file);
  const out: Record<string, HostTensor> = {};
  for (const [key, value] of root.entries) {
    if (typeof key !== 'string') throw new WeightsFormatError(`state dict key ${String(key)} is not a string`, file, { entry: pklEntry });
    if (!(value instanceof TensorRef)) {
      throw new WeightsFormatError(`value is a ${describe(value)}, not a tensor (only flat state dicts of tensors are read)`, file, { key });
    }
    setEntry(out, key, materialize(value, storages, key, file));
  }
  return out;
}

function unpickle(bytes: Uint8Array, file: string, entry: string): PickleValue {
  try {
    return readPickle(bytes, entry, { allow: TORCH_PICKLE_GLOBALS, persistentLoad: loadStorage });
  } catch (error) {
    if (error instanceof PickleError) throw new WeightsFormatError(error.reason, file, { entry, cause: error });
    throw error;
  }
}

/** The one folder every entry sits under (torch names it after the file at save time). */
function topFolder(zip: ZipArchive, file: string): string {
  const pickles = [...zip.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw new WeightsFormatError(
      pickles.length === 0 ? 'not a PyTorch checkpoint: the zip has no <folder>/data.pkl' : `the zip has ${pickles.length} data.pkl entries`,
      file,
    );
  }
  return pickles[0]!.slice(0, -'/data.pkl'.length);
}

function byteOrder(zip: ZipArchive, top: string, file: string): boolean {
  const entry = zip.get(`${top}/byteorder`);
  if (entry === undefined) return true; // torch < 2.1 wrote none: little-endian
  const text = new TextDecoder().decode(entry.read()).trim();
  if (text !== 'little' && text !== 'big') throw new WeightsFormatError(`byteorder is '${text}', not 'little' or 'big'`, file, { entry: entry.name });
  return text === 'little';
}

/** Decodes each storage once, however many tensors view it. */
class Storages {
  private readonly decoded = new Map<string, { ref: StorageRef; data: HostTensor['data'] }>();
  constructor(
    private readonly zip: ZipArchive,
    private readonly top: string,
    private readonly littleEndian: boolean,
    private readonly file: string,
  ) {}

  get(ref: StorageRef, key: string): HostTensor['data'] {
    const seen = this.decoded.get(ref.key);
    if (seen !== undefined) {
      if (seen.ref.typeName !== ref.typeName || seen.ref.numel !== ref.numel) {
        throw new WeightsFormatError(
          `storage '${ref.key}' is ${ref.typeName}[${ref.numel}] here but ${seen.ref.typeName}[${seen.ref.numel}] for an earlier tensor`,
          this.file,
          { key },
        );
      }
      return seen.data;
    }
    const name = `${this.top}/data/${ref.key}`;
    const type = STORAGE_TYPES.get(ref.typeName);
    if (type === undefined || type === null) throw new WeightsFormatError(`unsupported dtype (torch.${ref.typeName})`, this.file, { key });
    const entry = this.zip.get(name);
    if (entry === undefined) throw new WeightsFormatError(`its storage entry '${name}' is missing from the archive`, this.file, { key });
    const need = ref.numel * ELEMENT_SIZES[type];
    if (entry.size !== need) {
      throw new WeightsFormatError(`storage of ${ref.numel} ${ref.typeName} elements needs ${need} bytes, the entry holds ${entry.size}`, this.file, {
        key,
        entry: name,
      });
    }
    const data = decodeElements(entry.read(), type, this.littleEndian, this.file, { key, entry: name });
    this.decoded.set(ref.key, { ref, data });
    return data;
  }
}

function materialize(ref: TensorRef, storages: Storages, key: string, file: string): HostTensor {
  const { size, stride, offset, storage } = ref;
  let count = 1;
  for (const d of size) {
    count *= d;
    if (count > MAX_ELEMENTS) throw new WeightsFormatError(`shape [${size.join(', ')}] has more than ${MAX_ELEMENTS} elements`, file, { key });
  }
  const data = storages.get(storage, key);
  if (count > 0) {
    let last = offset;
    for (let d = 0; d < size.length; d++) last += (size[d]! - 1) * stride[d]!;
    if (last >= storage.numel) {
      throw new WeightsFormatError(
        `view (offset ${offset}, size [${size.join(', ')}], stride [${stride.join(', ')}]) reaches element ${last} of a storage of ${storage.numel}`,
        file,
        { key },
      );
    }
  }
  const type = STORAGE_TYPES.get(storage.typeName)!;
  return hostTensor(ELEMENT_HOST_DTYPES[type], size, gatherStrided(data, offset, size, stride, count));
}
