import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';

/**
 * The loss of {@link BinaryClassificationTask}:
 * - `cross-entropy` with optional class weights `[negative, positive]`, or
 *   `'balanced'` (scikit-learn's `n / (2 · n_class)`, counted on the rows of
 *   each batch's split: with mini-batches prefer fixed weights), normalised
 *   as `F.cross_entropy(weight=…)`: `Σ w_y · nll / Σ w_y`;
 * - `focal` (Lin et al. 2017, torchvision's `sigmoid_focal_loss` with
 *   `reduction='mean'`): `α_t (1 − p_t)^γ · nll`, γ default 2, α default
 *   0.25 (`null`: no α weighting).
 */
export type BinaryLoss =
  | { kind: 'cross-entropy'; classWeights?: readonly [number, number] | 'balanced' }
  | { kind: 'focal'; gamma?: number; alpha?: number | null };

/** Per-row log-probabilities of class 0 and class 1 from `[N]`, `[N, 1]` (one logit) or `[N, 2]` (two logits) outputs. */
export function binaryLogProbs(output: tf.Tensor, task: string): { logP0: tf.Tensor1D; logP1: tf.Tensor1D } {
  const width = output.rank === 1 ? 1 : output.rank === 2 ? output.shape[1] : undefined;
  if (width === 1) {
    const z = tf.reshape(output, [-1]);
    // log σ(z) = −softplus(−z); log(1 − σ(z)) = −softplus(z): stable for large |z|.
    return { logP1: tf.neg(tf.softplus(tf.neg(z))) as tf.Tensor1D, logP0: tf.neg(tf.softplus(z)) as tf.Tensor1D };
  }
  if (width === 2) {
    const [logP0, logP1] = tf.unstack(tf.logSoftmax(output as tf.Tensor2D), 1) as [tf.Tensor1D, tf.Tensor1D];
    return { logP0, logP1 };
  }
  throw new FitError(`${task}: the model's output must be [rows], [rows, 1] (a logit) or [rows, 2] (two logits), got [${output.shape.join(', ')}]`);
}

/** Checks a loss option, so a typo fails before the first epoch. */
export function checkBinaryLoss(loss: BinaryLoss, task: string): void {
  if (loss.kind === 'cross-entropy') {
    const w = loss.classWeights;
    if (w !== undefined && w !== 'balanced' && !(w.length === 2 && w.every((v) => Number.isFinite(v) && v >= 0) && w[0] + w[1] > 0)) {
      throw new FitError(`${task}: classWeights must be 'balanced' or two finite weights >= 0, not both 0`);
    }
  } else if (loss.kind === 'focal') {
    if (!(Number.isFinite(loss.gamma ?? 2) && (loss.gamma ?? 2) >= 0)) throw new FitError(`${task}: focal gamma must be >= 0`);
    const alpha = loss.alpha === undefined ? 0.25 : loss.alpha;
    if (alpha !== null && !(alpha >= 0 && alpha <= 1)) throw new FitError(`${task}: focal alpha must be in [0, 1] or null`);
  } else {
    throw new FitError(`${task}: unknown loss kind ${JSON.stringify((loss as { kind: unknown }).kind)} (expected 'cross-entropy' or 'focal')`);
  }
}

/**
 * Per-row loss terms and their weights (the loss is `Σ terms / Σ weights`
 * over the selected rows). `y` is float 0/1, `keep` 1 for selected rows (a mask) or all ones.
 */
export function binaryLossTerms(
  loss: BinaryLoss,
  logP0: tf.Tensor1D,
  logP1: tf.Tensor1D,
  y: tf.Tensor1D,
  keep: tf.Tensor1D,
): { terms: tf.Tensor1D; weights: tf.Tensor1D } {
  const notY = tf.sub(1, y);
  const nll = tf.neg(tf.add(tf.mul(y, logP1), tf.mul(notY, logP0)));
  if (loss.kind === 'focal') {
    const gamma = loss.gamma ?? 2;
    const alpha = loss.alpha === undefined ? 0.25 : loss.alpha;
    // p_t = exp(−nll) for 0/1 labels; (1 − p_t)^γ down-weights easy rows.
    let terms = tf.mul(nll, tf.pow(tf.sub(1, tf.exp(tf.neg(nll))), gamma));
    if (alpha !== null) terms = tf.mul(terms, tf.add(tf.mul(y, alpha), tf.mul(notY, 1 - alpha)));
    return { terms: tf.mul(terms, keep) as tf.Tensor1D, weights: keep };
  }
  let w: tf.Tensor1D = keep;
  const cw = loss.classWeights;
  if (cw !== undefined) {
    const [w0, w1] =
      cw === 'balanced'
        ? (() => {
            const n = tf.sum(keep);
            const positives = tf.sum(tf.mul(y, keep));
            const negatives = tf.sub(n, positives);
            // A class absent from the batch gets weight n/2 (unused anyway).
            return [tf.div(n, tf.mul(2, tf.maximum(negatives, 1))), tf.div(n, tf.mul(2, tf.maximum(positives, 1)))];
          })()
        : [tf.scalar(cw[0]), tf.scalar(cw[1])];
    w = tf.mul(keep, tf.add(tf.mul(y, w1), tf.mul(notY, w0))) as tf.Tensor1D;
  }
  return { terms: tf.mul(nll, w) as tf.Tensor1D, weights: w };
}
