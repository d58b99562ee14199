/**
 * What a pickle may name. The reader never imports, resolves or runs a Python
 * name: GLOBAL only pushes a {@link PyGlobal} for a name on the list, REDUCE
 * calls the TypeScript function listed for it, NEWOBJ the listed factory.
 * Anything else is a {@link PickleError}, so a tampered file cannot make us
 * build an unexpected object.
 */
import { PickleError } from '../errors.js';
import { PyGlobal, PyTuple, describe, type PickleValue } from './values.js';

/** `callable(*args)` for REDUCE; `file` is for error messages. */
export type PickleCall = (args: readonly PickleValue[], file: string) => PickleValue;

/**
 * The globals one kind of pickle may name, each by `module name` as the
 * GLOBAL opcode spells it (e.g. `'collections OrderedDict'`).
 *
 * @example
 * ```ts
 * const allow: PickleAllowList = {
 *   callables: new Map([['collections OrderedDict', () => new PyDict()]]),
 *   classes: new Map(),
 *   names: new Set(),
 * };
 * readPickle(bytes, 'f.pkl', { allow });
 * ```
 */
export interface PickleAllowList {
  /** Names REDUCE may call, with what calling them means. */
  readonly callables: ReadonlyMap<string, PickleCall>;
  /** Classes NEWOBJ may instantiate with no arguments (BUILD then sets their state). */
  readonly classes: ReadonlyMap<string, () => PickleValue>;
  /** Names that may appear only as inert arguments (e.g. `numpy ndarray`, `torch FloatStorage`). */
  readonly names: ReadonlySet<string>;
}

/** GLOBAL: refuses names outside the allow-list. */
export function resolveGlobal(allow: PickleAllowList, module: string, name: string, file: string): PyGlobal {
  const key = `${module} ${name}`;
  if (!allow.callables.has(key) && !allow.classes.has(key) && !allow.names.has(key)) {
    throw new PickleError(`pickle names a disallowed global ${module}.${name}`, file);
  }
  return new PyGlobal(module, name);
}

/** REDUCE: `callable(*args)`. */
export function callGlobal(allow: PickleAllowList, callable: PickleValue, args: PickleValue, file: string): PickleValue {
  const call = callable instanceof PyGlobal ? allow.callables.get(`${callable.module} ${callable.name}`) : undefined;
  if (call === undefined) throw new PickleError(`pickle calls ${describe(callable)}, which is not allowed`, file);
  if (!(args instanceof PyTuple)) throw new PickleError(`REDUCE arguments must be a tuple, got ${describe(args)}`, file);
  return call(args.items, file);
}

/** NEWOBJ: `cls.__new__(cls, *args)`. */
export function newObject(allow: PickleAllowList, cls: PickleValue, args: PickleValue, file: string): PickleValue {
  const make = cls instanceof PyGlobal ? allow.classes.get(`${cls.module} ${cls.name}`) : undefined;
  if (make === undefined) throw new PickleError(`pickle instantiates ${describe(cls)}, which is not allowed`, file);
  if (!(args instanceof PyTuple) || args.items.length !== 0) {
    throw new PickleError(`NEWOBJ arguments for ${describe(cls)} must be an empty tuple`, file);
  }
  return make();
}

/**
 * Whether `value` is the global `module name` of one of `names`.
 *
 * @example
 * ```ts
 * isGlobal(value, ['numpy.ndarray']); // true for the class a numpy array pickle names
 * ```
 */
export function isGlobal(value: PickleValue | undefined, names: readonly string[]): boolean {
  return value instanceof PyGlobal && names.includes(`${value.module} ${value.name}`);
}
