import type * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, Module } from '@gnnjs/core';
import { Linear, type LinearOptions } from '../nn/linear.js';
import { typeModuleKey } from './keys.js';
import { ModuleDict } from './module_dict.js';

/** Options of {@link HeteroDictLinear}: `Linear`'s, and the types when `inChannels` is one width. */
export interface HeteroDictLinearOptions extends LinearOptions {
  /** The keys (node types); required when `inChannels` is a number. */
  types?: readonly string[];
}

/**
 * PyG's `HeteroDictLinear`: one `Linear` per type,
 * `x'_κ = x_κ W_κᵀ + b_κ` for every key `κ` of the input dictionary.
 *
 * `inChannels` is one width for every type (with `types`), or a width per
 * type (`{ account: 5, merchant: 16 }`); `-1` is lazy (built at the first
 * forward, or by `materialize`). Parameters are named `lins.<type>.weight`,
 * `lins.<type>.bias`, PyG `Linear`'s initialisation. Keys of the input
 * without a `Linear` are left out of the output, as PyG does.
 *
 * @example
 * ```ts
 * const lin = new HeteroDictLinear(-1, 16, { types: ['account', 'merchant'] });
 * const out = lin.forward({ account: xAccount, merchant: xMerchant }); // each [N_t, 16]
 * ```
 */
export class HeteroDictLinear extends Module {
  readonly lins: ModuleDict<Linear>;
  readonly outChannels: number;
  readonly types: readonly string[];
  readonly #bias: boolean;

  constructor(inChannels: number | Readonly<Record<string, number>>, outChannels: number, options: HeteroDictLinearOptions = {}) {
    super();
    const { types, ...linearOptions } = options;
    let widths: Record<string, number>;
    if (typeof inChannels === 'number') {
      if (types === undefined) throw new GraphValidationError('types', "HeteroDictLinear needs 'types' when inChannels is one width");
      widths = Object.fromEntries(types.map((t) => [t, inChannels]));
    } else {
      widths = { ...inChannels };
      if (types !== undefined && [...types].sort().join('\u0000') !== Object.keys(widths).sort().join('\u0000')) {
        throw new GraphValidationError('types', "HeteroDictLinear: 'types' must be the keys of inChannels");
      }
    }
    this.types = Object.freeze(Object.keys(widths));
    this.outChannels = outChannels;
    this.#bias = linearOptions.bias ?? true;
    this.lins = this.registerModule(
      'lins',
      new ModuleDict(Object.entries(widths).map(([t, w]) => [typeModuleKey(t), new Linear(w, outChannels, linearOptions)] as const)),
    );
  }

  /** The `Linear` of one type. */
  lin(type: string): Linear {
    const found = this.lins.get(typeModuleKey(type));
    if (found === undefined) throw new GraphValidationError('type', `HeteroDictLinear has no Linear for type '${type}' (types: ${this.types.join(', ')})`);
    return found;
  }

  /** Redraws every `Linear` (lazy ones stay lazy). */
  resetParameters(): void {
    for (const [, lin] of this.lins.entries()) lin.resetParameters();
  }

  /** Applies each type's `Linear` to that type's rows; types without one are left out. */
  forward(xDict: Readonly<Record<string, tf.Tensor>>): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    for (const type of this.types) {
      const x = xDict[type];
      if (x !== undefined) out[type] = this.lin(type).forward(x);
    }
    return out;
  }

  /** PyG's repr: the widths as a Python dict (-1 for lazy types not built yet). */
  override toString(): string {
    const widths = this.types.map((t) => `'${t}': ${this.lin(t).inChannels}`).join(', ');
    return `HeteroDictLinear({${widths}}, ${this.outChannels}, bias=${this.#bias ? 'True' : 'False'})`;
  }
}
