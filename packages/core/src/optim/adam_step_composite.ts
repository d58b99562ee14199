import * as tf from '@tensorflow/tfjs-core';
import { adamStepScalars, type AdamStepAttrs } from './adam_step_kernel.js';

/**
 * `GnnAdamStep` from tfjs ops, one per term of the formula (about ten
 * kernels per parameter): what the fast kernels must equal.
 */
export function adamStepComposite(inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor[] {
  const { param, grad, expAvg, expAvgSq, maxExpAvgSq } = inputs as Record<string, tf.Tensor>;
  const s = adamStepScalars(attrs as unknown as AdamStepAttrs);
  const g = s.l2 === undefined ? grad! : tf.add(grad!, tf.mul(param!, s.l2));
  const m = tf.add(tf.mul(expAvg!, s.beta1), tf.mul(g, s.oneMinusBeta1));
  const v = tf.add(tf.mul(expAvgSq!, s.beta2), tf.mul(tf.square(g), s.oneMinusBeta2));
  const second = maxExpAvgSq === undefined ? v : tf.maximum(maxExpAvgSq, v);
  const denom = tf.add(tf.div(tf.sqrt(second), s.biasCorrection2Sqrt), s.eps);
  const base = s.decay === undefined ? param! : tf.mul(param!, s.decay);
  const updated = tf.sub(base, tf.mul(tf.div(m, denom), s.stepSize));
  return maxExpAvgSq === undefined ? [updated, m, v] : [updated, m, v, second];
}
