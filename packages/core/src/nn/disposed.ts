/**
 * The checks that turn "forward after dispose()" from tfjs's
 * `TypeError: Cannot read properties of undefined (reading 'backend')` into a
 * `DisposedError` naming the module parameter or the argument. Run at each
 * `forward` entry (arguments, one level into arrays and plain objects) and,
 * for the outermost `forward` of a call, over the module's whole tree:
 * a property read per tensor, nothing read from a device.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DisposedError } from '../errors.js';

/** What the checks need of a module: its name and its parameters and buffers by dotted name. */
export interface CheckableModule {
  readonly constructor: { readonly name: string };
  stateDict(): Record<string, tf.Tensor>;
}

/** Throws a `DisposedError` when a parameter or buffer of `module` or of a descendant is disposed. */
export function assertModuleLive(module: CheckableModule): void {
  for (const [name, value] of Object.entries(module.stateDict())) {
    if (value.isDisposed) {
      throw new DisposedError(
        `${module.constructor.name} parameter '${name}'`,
        'is disposed: the module was freed by dispose() and cannot run again; build a new one (and load its weights)',
      );
    }
  }
}

/** Throws a `DisposedError` naming the first argument of `fn` (or a tensor inside it) that is disposed. */
export function assertArgumentsLive(fn: string, args: readonly unknown[]): void {
  args.forEach((arg, i) => {
    const where = `${fn} argument ${i + 1}`;
    checkValue(arg, where);
    if (Array.isArray(arg)) arg.forEach((item, k) => checkValue(item, `${where}[${k}]`));
    else if (isPlainObject(arg)) for (const [key, value] of Object.entries(arg)) checkValue(value, `${where} ('${key}')`);
  });
}

/** Throws a `DisposedError` naming `inputs[key]` when it is a disposed tensor. */
export function assertInputsLive(fn: string, inputs: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(inputs)) checkValue(value, `${fn} input '${key}'`);
}

function checkValue(value: unknown, where: string): void {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) {
      throw new DisposedError(where, `is a disposed tensor ([${value.shape.join(', ')}] ${value.dtype}): it was freed by dispose() (or with the graph that owned it)`);
    }
    return;
  }
  // A Graph or HeteroGraph: disposed with its tensors.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { isDisposed?: unknown }).isDisposed === true) {
    throw new DisposedError(where, `is a disposed ${value.constructor?.name ?? 'object'}: its tensors were freed by dispose()`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
