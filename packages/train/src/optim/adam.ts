import * as tf from '@tensorflow/tfjs-core';

/** Parameters that share one weight decay, like a torch optimizer's param group. */
export interface ParamGroup {
  params: readonly tf.Variable[];
  /** L2 penalty added to the gradient (torch.optim.Adam's `weight_decay`); default: the optimizer's. */
  weightDecay?: number;
}

/** Adam's hyper-parameters, with torch.optim.Adam's defaults. */
export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  /** Default weight decay of groups that set none. */
  weightDecay?: number;
}

interface ParamState {
  param: tf.Variable;
  weightDecay: number;
  expAvg: tf.Variable;
  expAvgSq: tf.Variable;
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
 *  p -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps)`.
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
export class Adam {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly states: ParamState[] = [];
  private stepCount = 0;

  constructor(groups: readonly ParamGroup[] | readonly tf.Variable[], options: AdamOptions = {}) {
    this.lr = options.lr ?? 1e-3;
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    checkHyperParameter('lr', this.lr);
    checkHyperParameter('eps', this.eps);
    for (const [name, beta] of [['betas[0]', this.beta1], ['betas[1]', this.beta2]] as const) {
      if (!(beta >= 0 && beta < 1)) throw new RangeError(`Adam: ${name} must be in [0, 1), got ${beta}`);
    }
    const defaultDecay = options.weightDecay ?? 0;
    const normalised = isVariableList(groups) ? [{ params: groups }] : groups;
    const seen = new Set<tf.Variable>();
    for (const group of normalised) {
      const weightDecay = group.weightDecay ?? defaultDecay;
      checkHyperParameter('weightDecay', weightDecay);
      for (const param of group.params) {
        if (seen.has(param)) throw new RangeError(`Adam: parameter '${param.name}' appears in two groups`);
        seen.add(param);
        this.states.push({
          param,
          weightDecay,
          // tidy frees the zero tensors; the variables themselves survive it.
          expAvg: tf.tidy(() => tf.variable(tf.zerosLike(param), false)),
          expAvgSq: tf.tidy(() => tf.variable(tf.zerosLike(param), false)),
        });
      }
    }
  }

  /** Every parameter this optimizer updates, in group order (for `tf.variableGrads`). */
  variables(): tf.Variable[] {
    return this.states.map((s) => s.param);
  }

  /** Number of steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /**
   * Applies one update. `grads` maps variable names (as `tf.variableGrads`
   * returns them) to gradients; a parameter without a gradient is left alone,
   * as torch skips parameters whose `.grad` is None. Does not dispose `grads`.
   */
  step(grads: tf.NamedTensorMap): void {
    this.stepCount += 1;
    const t = this.stepCount;
    const biasCorrection1 = 1 - this.beta1 ** t;
    const biasCorrection2Sqrt = Math.sqrt(1 - this.beta2 ** t);
    const stepSize = this.lr / biasCorrection1;
    tf.tidy(() => {
      for (const s of this.states) {
        const grad = grads[s.param.name];
        if (grad === undefined) continue;
        const g = s.weightDecay !== 0 ? tf.add(grad, tf.mul(s.param, s.weightDecay)) : grad;
        const m = tf.add(tf.mul(s.expAvg, this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(s.expAvgSq, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const denom = tf.add(tf.div(tf.sqrt(v), biasCorrection2Sqrt), this.eps);
        s.expAvg.assign(m);
        s.expAvgSq.assign(v);
        s.param.assign(tf.sub(s.param, tf.mul(tf.div(m, denom), stepSize)));
      }
    });
  }

  /** Frees the moment estimates (the parameters belong to the model). */
  dispose(): void {
    for (const s of this.states) {
      s.expAvg.dispose();
      s.expAvgSq.dispose();
    }
    this.states.length = 0;
  }
}

function isVariableList(groups: readonly ParamGroup[] | readonly tf.Variable[]): groups is readonly tf.Variable[] {
  return groups.length === 0 || groups[0] instanceof tf.Variable;
}

function checkHyperParameter(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`Adam: ${name} must be a finite number >= 0, got ${value}`);
  }
}
