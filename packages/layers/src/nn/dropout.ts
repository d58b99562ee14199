import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, dropoutMatMul, nextSeed, seededDropout } from '@gnnjs/core';
import type { Linear } from './linear.js';

/**
 * Inverted dropout, as `torch.nn.functional.dropout`: in training, zeroes each
 * entry with probability `p` and scales the rest by `1 / (1 - p)`; otherwise
 * returns `x` itself. Runs core's `seededDropout` with the next seed of
 * `manualSeed`'s stream: its counter-based mask is the same on every backend,
 * is never stored for the backward pass, and costs almost nothing on the zeros
 * of bag-of-words features.
 *
 * @example
 * ```ts
 * const h = dropout(x, 0.5, model.training);
 * ```
 */
export function dropout<T extends tf.Tensor>(x: T, p: number, training: boolean): T {
  assertProbability(p);
  if (!training || p === 0) return x;
  return seededDropout(x, p, dropoutSeed());
}

/**
 * {@link dropout} of `x` followed by `linear` (a layer's input dropout and its
 * first product), with the same draw of `manualSeed`'s stream and the same
 * numbers, in one kernel (`dropoutMatMul`): the dropped input is never made,
 * so dropout of bag-of-words features costs a mask over their non-zeros only.
 * `x` is `[N, in]`.
 *
 * @example
 * ```ts
 * const h = dropoutLinear(x, 0.5, model.training, conv.lin); // = conv.lin.forward(dropout(x, 0.5, training))
 * ```
 */
export function dropoutLinear(x: tf.Tensor2D, p: number, training: boolean, linear: Linear): tf.Tensor2D {
  return fusedDropoutLinears('dropoutLinear', x, p, training, [linear])[0]!;
}

/**
 * {@link dropout} of `x` once, followed by each of `linears` (GATv2's `lin_l`
 * and `lin_r` of the same dropped input): one draw of `manualSeed`'s stream
 * shared by one fused product per linear (so one mask), the same numbers as
 * `linears.map((l) => l.forward(dropout(x, p, training)))`. `x` is `[N, in]`.
 *
 * @example
 * ```ts
 * const [zL, zR] = dropoutLinears(x, 0.6, model.training, [conv.linL, conv.linR]);
 * ```
 */
export function dropoutLinears(x: tf.Tensor2D, p: number, training: boolean, linears: readonly Linear[]): tf.Tensor2D[] {
  return fusedDropoutLinears('dropoutLinears', x, p, training, linears);
}

/** {@link dropoutLinear} and {@link dropoutLinears}; `caller` names the function in errors. */
function fusedDropoutLinears(caller: string, x: tf.Tensor2D, p: number, training: boolean, linears: readonly Linear[]): tf.Tensor2D[] {
  assertProbability(p);
  if (!training || p === 0) return linears.map((l) => l.forward(x));
  for (const linear of linears) {
    if (!linear.isMaterialized && x.rank === 2) linear.materialize(x.shape[1]);
    if (x.rank !== 2 || x.shape[1] !== linear.inChannels) {
      throw new ShapeError('x', `${caller} expects [N, ${linear.inChannels}], got [${x.shape.join(', ')}]`);
    }
  }
  // One seed for every product: the same mask, as if x were dropped once.
  const seed = dropoutSeed();
  return tf.tidy(() =>
    linears.map((linear) => {
      const y = dropoutMatMul(x, linear.weight as tf.Tensor2D, p, seed);
      return linear.bias === null ? y : tf.add(y, linear.bias);
    }),
  );
}

/** The seed of the next dropout: `manualSeed`'s stream, or a random one without it. */
function dropoutSeed(): number {
  return nextSeed() ?? Math.floor(Math.random() * 2 ** 31);
}

/** {@link dropout} as a module: active in `train()` mode, identity after `eval()`. */
export class Dropout extends Module {
  readonly p: number;
  constructor(p = 0.5) {
    super();
    assertProbability(p);
    this.p = p;
  }
  forward<T extends tf.Tensor>(x: T): T {
    return dropout(x, this.p, this.training);
  }
  override toString(): string {
    return `Dropout(p=${this.p})`;
  }
}

function assertProbability(p: number): void {
  if (!(p >= 0 && p < 1)) throw new ShapeError('p', `dropout probability must be in [0, 1), got ${p}`);
}
