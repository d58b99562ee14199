import * as tf from '@tensorflow/tfjs-core';

/**
 * `x Wᵀ` for `x: [N, in]`, `W: [out, in]`, with gradients that avoid tfjs's
 * transposed matmuls: tfjs-wasm's `BatchMatMul` with `transposeA` or
 * `transposeB` runs 5–10× slower than on plain operands, and tfjs's own
 * gradient of `x Wᵀ` is `dyᵀ x` with `transposeA`. Here `dW = transpose(dy) · x`
 * and `dx = dy · W`, written as two custom gradients so that tfjs computes
 * `dx` only when something upstream needs it (never for input features).
 */
export function matMulTransposed(x: tf.Tensor2D, weight: tf.Tensor2D): tf.Tensor2D {
  const byWeight = tf.customGrad((w: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: tf.matMul(x, tf.transpose(w)),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => tf.matMul(tf.transpose(dy as tf.Tensor2D), saved[0]!),
    };
  });
  const byInput = tf.customGrad((input: tf.Tensor, save: tf.GradSaveFunc) => {
    save([weight]);
    return {
      value: tf.zeros([input.shape[0]!, weight.shape[0]]),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => tf.matMul(dy as tf.Tensor2D, saved[0]!),
    };
  });
  return tf.add(byWeight(weight), byInput(x));
}
