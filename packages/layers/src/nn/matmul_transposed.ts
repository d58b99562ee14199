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
  const byWeight = tf.customGrad<tf.Tensor2D>((...args) => {
    const [w, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([x]);
    return {
      value: tf.matMul(x, tf.transpose(w)),
      gradFunc: (dy, [input]) => tf.matMul(tf.transpose(dy), input as tf.Tensor2D),
    };
  });
  const byInput = tf.customGrad<tf.Tensor2D>((...args) => {
    const [input, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([weight]);
    return {
      value: tf.zeros([input.shape[0], weight.shape[0]]),
      gradFunc: (dy, [w]) => tf.matMul(dy, w as tf.Tensor2D),
    };
  });
  return tf.add(byWeight(weight), byInput(x));
}
