/**
 * The fused Adam update, a kernel like the GNN kernels (`Gnn` prefix, a
 * composite default, fast versions in the backend packages) but optional: a
 * backend without it runs the composite, so it is not in `GNN_KERNEL_NAMES`.
 * It has no gradient: an optimizer update is never differentiated.
 */
import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * One Adam/AdamW update of one parameter, torch's single-tensor algorithm
 * (`torch.optim.Adam`/`AdamW`, not `foreach` or `fused`), every operation
 * rounded to float32 in this order (the op-by-op tfjs version's numbers, bit
 * for bit, on every IEEE backend):
 *
 * - `g = grad + param · weightDecay` (Adam with `weightDecay ≠ 0`; else `g = grad`)
 * - `m' = expAvg · β1 + g · (1 − β1)`, `v' = expAvgSq · β2 + (g · g) · (1 − β2)`
 * - `s = max(maxExpAvgSq, v')` with `maxExpAvgSq` (amsgrad, also an output), else `v'`
 * - `denom = sqrt(s) / sqrt(1 − β2^step) + eps`
 * - `base = param · (1 − lr · weightDecay)` (AdamW with `weightDecay ≠ 0`; else `param`)
 * - `param' = base − (m' / denom) · (lr / (1 − β1^step))`
 *
 * with the scalars of {@link adamStepScalars}. Outputs, all of `param`'s
 * shape: `[param', m', v']`, then `s` when `maxExpAvgSq` is given.
 */
export const AdamStep = 'GnnAdamStep';
export type AdamStepInputs = Pick<NamedTensorInfoMap, 'param' | 'grad' | 'expAvg' | 'expAvgSq'> & { maxExpAvgSq?: TensorInfo };
export interface AdamStepAttrs {
  /** The parameter group's learning rate. */
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** The group's weight decay: an L2 term in the gradient (Adam) or a shrink of the parameter (AdamW). */
  weightDecay: number;
  /** AdamW's decoupled weight decay. */
  decoupled: boolean;
  /** Updates of this parameter so far, this one included (1 on the first). */
  step: number;
}

/** The float32 scalars of one {@link AdamStep} (each a double rounded to float32, as a tfjs scalar tensor would be). */
export interface AdamStepScalars {
  /** Adam's L2 coefficient, or undefined when the gradient is used as given. */
  l2: number | undefined;
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  /** `sqrt(1 − β2^step)`. */
  biasCorrection2Sqrt: number;
  eps: number;
  /** AdamW's `1 − lr · weightDecay`, or undefined when the parameter is not shrunk. */
  decay: number | undefined;
  /** `lr / (1 − β1^step)`. */
  stepSize: number;
}

/**
 * The scalars of an update: one definition for the composite and every
 * backend's kernel, so they round alike.
 *
 * @example
 * ```ts
 * const s = adamStepScalars({ lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 5e-4, decoupled: false, step: 1 });
 * ```
 */
export function adamStepScalars(attrs: AdamStepAttrs): AdamStepScalars {
  const { lr, beta1, beta2, eps, weightDecay, decoupled, step } = attrs;
  const f = Math.fround;
  return {
    l2: !decoupled && weightDecay !== 0 ? f(weightDecay) : undefined,
    beta1: f(beta1),
    oneMinusBeta1: f(1 - beta1),
    beta2: f(beta2),
    oneMinusBeta2: f(1 - beta2),
    biasCorrection2Sqrt: f(Math.sqrt(1 - beta2 ** step)),
    eps: f(eps),
    decay: decoupled && weightDecay !== 0 ? f(1 - lr * weightDecay) : undefined,
    stepSize: f(lr / (1 - beta1 ** step)),
  };
}
