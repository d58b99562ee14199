/**
 * The only Python callables a pickle may name. Anything else is refused, so a
 * tampered file cannot make us build an unexpected object.
 */
import { DatasetError } from '../errors.js';
import { CsrMatrix } from './csr_matrix.js';
import { NdArray, NumpyDType } from './ndarray.js';
import { PyBytes, PyDict, PyGlobal, PyTuple, describe, type PickleValue } from './values.js';

type Call = (args: readonly PickleValue[], file: string) => PickleValue;

const NDARRAY = ['numpy ndarray'];
const LIST = ['__builtin__ list', 'builtins list'];

function isGlobal(value: PickleValue | undefined, names: readonly string[]): boolean {
  return value instanceof PyGlobal && names.includes(`${value.module} ${value.name}`);
}

const reconstruct: Call = (args, file) => {
  // numpy's `_reconstruct(ndarray, (0,), b'b')` makes an empty array that BUILD fills.
  const [cls, shape, typecode] = args;
  const okShape = shape instanceof PyTuple && shape.items.length === 1 && shape.items[0] === 0;
  const okCode = typecode instanceof PyBytes && typecode.text() === 'b';
  if (args.length !== 3 || !isGlobal(cls, NDARRAY) || !okShape || !okCode) {
    throw new DatasetError(`unexpected arguments to numpy _reconstruct`, file);
  }
  return new NdArray();
};

const dtype: Call = (args, file) => {
  if (args.length !== 3) throw new DatasetError(`numpy.dtype takes 3 arguments in a pickle, got ${args.length}`, file);
  return new NumpyDType(args, file);
};

const defaultdict: Call = (args, file) => {
  if (args.length > 1 || (args.length === 1 && !isGlobal(args[0], LIST))) {
    throw new DatasetError(`only collections.defaultdict(list) is supported, got ${args.map(describe).join(', ')}`, file);
  }
  return new PyDict();
};

/** Callables REDUCE may call, by `module name` as the GLOBAL opcode spells them. */
const CALLABLES: ReadonlyMap<string, Call> = new Map([
  ['numpy.core.multiarray _reconstruct', reconstruct],
  ['numpy._core.multiarray _reconstruct', reconstruct],
  ['numpy dtype', dtype],
  ['collections defaultdict', defaultdict],
]);

/** Classes NEWOBJ may instantiate (with no arguments; BUILD sets their state). */
const CLASSES: ReadonlyMap<string, () => PickleValue> = new Map([
  ['scipy.sparse.csr csr_matrix', () => new CsrMatrix()],
  ['scipy.sparse._csr csr_matrix', () => new CsrMatrix()],
]);

/** Names that may appear as arguments only. */
const ARGUMENT_ONLY = new Set([...NDARRAY, ...LIST]);

/** Resolves a GLOBAL opcode, refusing names outside the allow-list. */
export function resolveGlobal(module: string, name: string, file: string): PyGlobal {
  const key = `${module} ${name}`;
  if (!CALLABLES.has(key) && !CLASSES.has(key) && !ARGUMENT_ONLY.has(key)) {
    throw new DatasetError(`pickle names a disallowed global ${module}.${name}`, file);
  }
  return new PyGlobal(module, name);
}

/** REDUCE: `callable(*args)`. */
export function callGlobal(callable: PickleValue, args: PickleValue, file: string): PickleValue {
  const call = callable instanceof PyGlobal ? CALLABLES.get(`${callable.module} ${callable.name}`) : undefined;
  if (call === undefined) throw new DatasetError(`pickle calls ${describe(callable)}, which is not allowed`, file);
  if (!(args instanceof PyTuple)) throw new DatasetError(`REDUCE arguments must be a tuple, got ${describe(args)}`, file);
  return call(args.items, file);
}

/** NEWOBJ: `cls.__new__(cls, *args)`. */
export function newObject(cls: PickleValue, args: PickleValue, file: string): PickleValue {
  const make = cls instanceof PyGlobal ? CLASSES.get(`${cls.module} ${cls.name}`) : undefined;
  if (make === undefined) throw new DatasetError(`pickle instantiates ${describe(cls)}, which is not allowed`, file);
  if (!(args instanceof PyTuple) || args.items.length !== 0) {
    throw new DatasetError(`NEWOBJ arguments for ${describe(cls)} must be an empty tuple`, file);
  }
  return make();
}
