/**
 * The allow-list of `torch.save`'s `data.pkl`: `collections.OrderedDict`,
 * `torch._utils._rebuild_tensor_v2` (and `_rebuild_parameter` around it) and
 * the storage classes, which only ever appear as inert arguments. Tensors come
 * out as {@link TensorRef}s (storage, offset, size, stride); their bytes are
 * read afterwards, so unpickling touches no data.
 */
import { PickleError } from '../errors.js';
import type { ElementType } from '../elements.js';
import type { PickleAllowList, PickleCall } from '../pickle/allow_list.js';
import { PyDict, PyGlobal, describe, expectCount, expectText, expectTuple, type PickleValue, type PyObject } from '../pickle/values.js';

/** Storage classes by name, with the element type each holds (`null`: known but unsupported). */
export const STORAGE_TYPES: ReadonlyMap<string, ElementType | null> = new Map<string, ElementType | null>([
  ['DoubleStorage', 'f64'],
  ['FloatStorage', 'f32'],
  ['HalfStorage', 'f16'],
  ['BFloat16Storage', 'bf16'],
  ['LongStorage', 'i64'],
  ['IntStorage', 'i32'],
  ['ShortStorage', 'i16'],
  ['CharStorage', 'i8'],
  ['ByteStorage', 'u8'],
  ['BoolStorage', 'bool'],
  ['ComplexFloatStorage', null],
  ['ComplexDoubleStorage', null],
  ['QInt8Storage', null],
  ['QUInt8Storage', null],
  ['QInt32Storage', null],
  ['QUInt4x2Storage', null],
  ['QUInt2x4Storage', null],
]);

/** A storage as its persistent id describes it: `('storage', cls, key, location, numel)`. */
export class StorageRef implements PyObject {
  readonly pythonType = 'torch.storage';
  constructor(
    /** The storage class name, e.g. `FloatStorage`. */
    readonly typeName: string,
    /** The entry `data/<key>` holding the bytes. */
    readonly key: string,
    /** Element count. */
    readonly numel: number,
  ) {}
  setState(_state: PickleValue, file: string): void {
    throw new PickleError('BUILD on a torch storage is not supported', file);
  }
}

/** A tensor as `_rebuild_tensor_v2` describes it: a strided view of a storage. */
export class TensorRef implements PyObject {
  readonly pythonType = 'torch.Tensor';
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly size: readonly number[],
    readonly stride: readonly number[],
  ) {}
  setState(_state: PickleValue, file: string): void {
    throw new PickleError('BUILD on a torch.Tensor (tensor subclasses or Python attributes) is not supported', file);
  }
}

/** `collections.OrderedDict`; BUILD hands it the attributes of a state dict (`_metadata`), which we keep but do not use. */
export class PyOrderedDict extends PyDict implements PyObject {
  readonly pythonType = 'collections.OrderedDict';
  attributes: PickleValue = null;
  setState(state: PickleValue, file: string): void {
    if (!(state instanceof PyDict)) throw new PickleError(`OrderedDict state must be a dict, got ${describe(state)}`, file);
    this.attributes = state;
  }
}

const orderedDict: PickleCall = (args, file) => {
  if (args.length !== 0) throw new PickleError('OrderedDict(...) with arguments is not supported (torch.save writes OrderedDict())', file);
  return new PyOrderedDict();
};

const rebuildTensor: PickleCall = (args, file) => {
  // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
  if (args.length !== 6 && args.length !== 7) throw new PickleError(`_rebuild_tensor_v2 takes 6 or 7 arguments, got ${args.length}`, file);
  const [storage, offset, size, stride] = args;
  if (!(storage instanceof StorageRef)) throw new PickleError(`_rebuild_tensor_v2 storage must be a persistent storage, got ${describe(storage ?? null)}`, file);
  const dims = expectTuple(size ?? null, 'tensor size', file).map((d) => expectCount(d, 'tensor size', file));
  const steps = expectTuple(stride ?? null, 'tensor stride', file).map((d) => expectCount(d, 'tensor stride', file));
  if (dims.length !== steps.length) throw new PickleError(`tensor size has ${dims.length} dimensions, stride ${steps.length}`, file);
  return new TensorRef(storage, expectCount(offset ?? null, 'tensor storage offset', file), dims, steps);
};

const rebuildParameter: PickleCall = (args, file) => {
  // _rebuild_parameter(data, requires_grad, backward_hooks): an nn.Parameter saved as itself.
  if (args.length !== 3 || !(args[0] instanceof TensorRef)) throw new PickleError('_rebuild_parameter takes (tensor, requires_grad, hooks)', file);
  return args[0];
};

/** The globals a `torch.save` state dict may name. */
export const TORCH_PICKLE_GLOBALS: PickleAllowList = {
  callables: new Map<string, PickleCall>([
    ['collections OrderedDict', orderedDict],
    ['torch._utils _rebuild_tensor_v2', rebuildTensor],
    ['torch._utils _rebuild_parameter', rebuildParameter],
  ]),
  classes: new Map(),
  names: new Set([...STORAGE_TYPES.keys()].map((name) => `torch ${name}`)),
};

/** BINPERSID: `('storage', storage_class, key, location, numel)`. */
export function loadStorage(pid: PickleValue, file: string): StorageRef {
  const [tag, cls, key, location, numel] = expectTuple(pid, 'persistent id', file, 5);
  if (expectText(tag ?? null, 'persistent id tag', file) !== 'storage') throw new PickleError(`persistent id tag must be 'storage'`, file);
  if (!(cls instanceof PyGlobal) || cls.module !== 'torch' || !STORAGE_TYPES.has(cls.name)) {
    throw new PickleError(`persistent id names ${describe(cls ?? null)}, not a torch storage class`, file);
  }
  expectText(location ?? null, 'storage location', file);
  return new StorageRef(cls.name, expectText(key ?? null, 'storage key', file), expectCount(numel ?? null, 'storage numel', file));
}
