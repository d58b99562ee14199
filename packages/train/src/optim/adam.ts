import * as tf from '@tensorflow/tfjs-core';
import { adamStep } from '@gnnjs/core';
import {
  checkNonNegative,
  checkUnitInterval,
  resolveGroups,
  zerosState,
  type Optimizer,
  type ParamGroup,
  type ParamSlot,
} from './optimizer.js';

/** Hyper-parameters of {@link Adam} and {@link AdamW}, with torch's defaults. */
export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** Default of groups that set none: 0 for Adam, 1e-2 for AdamW (as torch). */
  weightDecay?: number;
  /** Normalise by the largest second moment seen so far (torch's `amsgrad`); default false. */
  amsgrad?: boolean;
}

interface AdamSlot extends ParamSlot {
  expAvg: tf.Variable;
  expAvgSq: tf.Variable;
  maxExpAvgSq: tf.Variable | undefined;
  /** Updates of this parameter: torch counts per parameter, so one skipped for lack of a gradient keeps its bias correction. */
  steps: number;
}

/** Adam and AdamW differ only in where the weight decay goes. */
abstract class AdamBase implements Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly amsgrad: boolean;
  private readonly slots: AdamSlot[];
  private stepCount = 0;

  protected constructor(
    name: string,
    private readonly decoupled: boolean,
    groups: readonly ParamGroup[] | readonly tf.Variable[],
    options: AdamOptions,
    defaultWeightDecay: number,
  ) {
    this.lr = options.lr ?? 1e-3;
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.amsgrad = options.amsgrad ?? false;
    checkNonNegative(name, 'eps', this.eps);
    checkUnitInterval(name, 'betas[0]', this.beta1);
    checkUnitInterval(name, 'betas[1]', this.beta2);
    this.slots = resolveGroups(name, groups, { lr: this.lr, weightDecay: options.weightDecay ?? defaultWeightDecay }).map((slot) => ({
      ...slot,
      expAvg: zerosState(slot.param),
      expAvgSq: zerosState(slot.param),
      maxExpAvgSq: this.amsgrad ? zerosState(slot.param) : undefined,
      steps: 0,
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
    const { beta1, beta2, eps, decoupled } = this;
    tf.tidy(() => {
      for (const s of this.slots) {
        const grad = grads[s.param.name];
        if (grad === undefined) continue;
        s.steps += 1;
        // One fused kernel per parameter (GnnAdamStep) where the backend has one.
        const next = adamStep(
          { param: s.param, expAvg: s.expAvg, expAvgSq: s.expAvgSq, maxExpAvgSq: s.maxExpAvgSq },
          grad,
          { lr: s.lr, beta1, beta2, eps, weightDecay: s.weightDecay, decoupled, step: s.steps },
        );
        s.expAvg.assign(next.expAvg);
        s.expAvgSq.assign(next.expAvgSq);
        if (s.maxExpAvgSq !== undefined) s.maxExpAvgSq.assign(next.maxExpAvgSq!);
        s.param.assign(next.param);
      }
    });
  }

  dispose(): void {
    for (const s of this.slots) tf.dispose([s.expAvg, s.expAvgSq, ...(s.maxExpAvgSq ? [s.maxExpAvgSq] : [])]);
    this.slots.length = 0;
  }
}

/**
 * Adam exactly as `torch.optim.Adam` computes it (not AdamW): weight decay is
 * an L2 term added to the gradient before the moment updates, so it is also
 * rescaled by the adaptive denominator. tfjs's own AdamOptimizer has no weight
 * decay and no parameter groups, which PyG's GCN example needs (decay on the
 * first layer only).
 *
 * Per step t, for each parameter p with gradient g:
 * `g += wd·p; m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 *  p -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps)`
 * (with `amsgrad`, `v` in the denominator is the running maximum of `v`).
 *
 * @example
 * ```ts
 * const adam = new Adam(
 *   [{ params: conv1Params, weightDecay: 5e-4 }, { params: conv2Params, weightDecay: 0 }],
 *   { lr: 0.01 },
 * );
 * const { value, grads } = tf.variableGrads(() => loss(), adam.variables());
 * adam.step(grads);
 * ```
 */
export class Adam extends AdamBase {
  constructor(groups: readonly ParamGroup[] | readonly tf.Variable[], options: AdamOptions = {}) {
    super('Adam', false, groups, options, 0);
  }
}

/**
 * AdamW exactly as `torch.optim.AdamW` computes it (Loshchilov & Hutter's
 * decoupled weight decay): the parameter shrinks by `lr·wd` each step, apart
 * from the adaptive update. Default weight decay 1e-2, as torch.
 *
 * Per step t: `p *= 1 - lr·wd; m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 *  p -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps)`.
 *
 * @example
 * ```ts
 * const optimizer = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends AdamBase {
  constructor(groups: readonly ParamGroup[] | readonly tf.Variable[], options: AdamOptions = {}) {
    super('AdamW', true, groups, options, 1e-2);
  }
}
