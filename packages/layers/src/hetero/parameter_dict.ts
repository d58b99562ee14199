import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, Module } from '@gnnjs/core';
import { parameter } from '../nn/initializers.js';
import { typeModuleKey } from './keys.js';

/**
 * Parameters by name, as `torch.nn.ParameterDict` (`skip.account`,
 * `p_rel.account__pays__merchant`), in the order of `keys`.
 *
 * @example
 * ```ts
 * const skip = new ParameterDict(['account', 'merchant'], [1]);
 * skip.get('account'); // a [1] variable, ones
 * ```
 */
export class ParameterDict extends Module {
  readonly #params = new Map<string, tf.Variable>();

  /** One parameter of `shape` per key, all ones (PyG's `ones(...)`; `resetParameters` of the owner may redraw them). */
  constructor(keys: readonly string[], shape: readonly number[]) {
    super();
    for (const key of keys) this.#params.set(key, this.registerParameter(typeModuleKey(key), parameter(() => tf.ones([...shape]))));
  }

  /** The parameter under `key`. */
  get(key: string): tf.Variable {
    const found = this.#params.get(key);
    if (found === undefined) throw new GraphValidationError('key', `ParameterDict has no '${key}' (keys: ${this.keys().join(', ')})`);
    return found;
  }

  keys(): string[] {
    return [...this.#params.keys()];
  }

  /** Sets every parameter to ones. */
  resetToOnes(): void {
    for (const v of this.#params.values()) tf.tidy(() => v.assign(tf.onesLike(v)));
  }
}
