import * as tf from '@tensorflow/tfjs-core';
import { OptimizerError } from '../errors.js';
import { checkNonNegative, resolveGroups, zerosState, type Optimizer, type ParamGroup, type ParamSlot } from './optimizer.js';

/** Hyper-parameters of {@link SGD}, with torch's defaults. */
export interface SGDOptions {
  /** Learning rate (required, as in torch 1.x). */
  lr: number;
  /** Default 0 (plain gradient descent). */
  momentum?: number;
  /** Fraction of the new gradient left out of the momentum buffer; default 0. */
  dampening?: number;
  /** L2 penalty added to the gradient; default 0. */
  weightDecay?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0); default false. */
  nesterov?: boolean;
}

interface SGDSlot extends ParamSlot {
  buffer: tf.Variable | undefined;
  /** torch starts the buffer as a copy of the first gradient, not from zeros. */
  started: boolean;
}

/**
 * Stochastic gradient descent exactly as `torch.optim.SGD` computes it.
 * Per step, for each parameter p with gradient g:
 * `d = g + wd·p; b = d` on the first step, else `b = μ·b + (1-dampening)·d`;
 * `d = d + μ·b` with Nesterov, else `d = b`; `p -= lr·d`.
 *
 * @example
 * ```ts
 * const sgd = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4 });
 * ```
 */
export class SGD implements Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  private readonly slots: SGDSlot[];
  private stepCount = 0;

  constructor(groups: readonly ParamGroup[] | readonly tf.Variable[], options: SGDOptions) {
    // Untyped callers (JavaScript, JSON configs) may omit the required lr.
    if (typeof (options as Partial<SGDOptions> | undefined)?.lr !== 'number') throw new OptimizerError('SGD: lr is required');
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    checkNonNegative('SGD', 'momentum', this.momentum);
    checkNonNegative('SGD', 'dampening', this.dampening);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new OptimizerError('SGD: Nesterov momentum needs momentum > 0 and dampening 0');
    }
    this.slots = resolveGroups('SGD', groups, { lr: this.lr, weightDecay: options.weightDecay ?? 0 }).map((slot) => ({
      ...slot,
      buffer: this.momentum !== 0 ? zerosState(slot.param) : undefined,
      started: false,
    }));
  }

  variables(): tf.Variable[] {
    return this.slots.map((s) => s.param);
  }

  get steps(): number {
    return this.stepCount;
  }

  step(grads: tf.NamedTensorMap): void {
    this.stepCount += 1;
    tf.tidy(() => {
      for (const s of this.slots) {
        const grad = grads[s.param.name];
        if (grad === undefined) continue;
        let d = s.weightDecay !== 0 ? tf.add(grad, tf.mul(s.param, s.weightDecay)) : grad;
        if (s.buffer !== undefined) {
          const b = s.started ? tf.add(tf.mul(s.buffer, this.momentum), tf.mul(d, 1 - this.dampening)) : d;
          s.buffer.assign(b);
          s.started = true;
          d = this.nesterov ? tf.add(d, tf.mul(b, this.momentum)) : b;
        }
        s.param.assign(tf.sub(s.param, tf.mul(d, s.lr)));
      }
    });
  }

  dispose(): void {
    for (const s of this.slots) s.buffer?.dispose();
    this.slots.length = 0;
  }
}
