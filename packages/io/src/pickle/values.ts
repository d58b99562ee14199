/**
 * The Python values our strict unpickler can produce. Python 2 `str` stays
 * raw bytes (`PyBytes`) because numpy stores array buffers in it.
 */
import { PickleError } from '../errors.js';

/** A Python 2 `str`: raw bytes, decoded as latin-1 where text is needed. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
  /** The bytes as latin-1 text (what `pickle.load(..., encoding='latin1')` gives). */
  text(): string {
    let out = '';
    for (let i = 0; i < this.bytes.length; i += 4096) {
      out += String.fromCharCode(...this.bytes.subarray(i, i + 4096));
    }
    return out;
  }
}

/** A Python tuple (immutable, distinct from a list). */
export class PyTuple {
  constructor(readonly items: readonly PickleValue[]) {}
}

/** A dictionary key: Python ints, text (str or unicode), booleans or None. */
export type DictKey = number | string | boolean | null;

/** A Python `dict` (or `collections.defaultdict`), in insertion order. */
export class PyDict {
  readonly entries = new Map<DictKey, PickleValue>();
}

/** A `module.name` reference pushed by the GLOBAL opcode. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * An object built by a callable of the allow-list (`numpy.ndarray`,
 * `scipy.sparse.csr_matrix`, ...). BUILD hands it its pickled state.
 */
export interface PyObject {
  readonly pythonType: string;
  setState(state: PickleValue, file: string): void;
}

/** Every value the unpickler produces. */
export type PickleValue =
  | null
  | boolean
  | number
  | string
  | PyBytes
  | PickleValue[]
  | PyTuple
  | PyDict
  | PyGlobal
  | PyObject;

/**
 * Python's `type(value).__name__`-ish description, for error messages.
 *
 * @example
 * ```ts
 * describe(new PyTuple([1, 2])); // 'tuple of 2'
 * ```
 */
export function describe(value: PickleValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'unicode';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyBytes) return 'str';
  if (value instanceof PyTuple) return `tuple of ${value.items.length}`;
  if (value instanceof PyDict) return 'dict';
  if (value instanceof PyGlobal) return `global ${value.qualifiedName}`;
  return value.pythonType;
}

/**
 * Checks that `value` is a tuple of `length` items (any length if omitted); a {@link PickleError} naming `what` otherwise.
 *
 * @example
 * ```ts
 * const [shape, dtype] = expectTuple(args, 'ndarray state', file, 2);
 * ```
 */
export function expectTuple(value: PickleValue, what: string, file: string, length?: number): readonly PickleValue[] {
  if (!(value instanceof PyTuple) || (length !== undefined && value.items.length !== length)) {
    const want = length === undefined ? 'a tuple' : `a tuple of ${length}`;
    throw new PickleError(`${what} must be ${want}, got ${describe(value)}`, file);
  }
  return value.items;
}

/**
 * Checks that `value` is a non-negative integer; a {@link PickleError} naming `what` otherwise.
 *
 * @example
 * ```ts
 * const rows = expectCount(shape[0]!, 'shape[0]', file);
 * ```
 */
export function expectCount(value: PickleValue, what: string, file: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PickleError(`${what} must be a non-negative int, got ${describe(value)}`, file);
  }
  return value;
}

/**
 * Checks that `value` is text (a Python 2 str or a unicode) and returns it; a {@link PickleError} naming `what` otherwise.
 *
 * @example
 * ```ts
 * const order = expectText(state[3]!, 'order', file); // 'C' or 'F'
 * ```
 */
export function expectText(value: PickleValue, what: string, file: string): string {
  if (value instanceof PyBytes) return value.text();
  if (typeof value === 'string') return value;
  throw new PickleError(`${what} must be a string, got ${describe(value)}`, file);
}
