/**
 * Registers the gradients of tfjs-core's own kernels (Relu, MatMul, Add, Sum,
 * Concat, ...) with the shared tfjs engine.
 *
 * tfjs-core's CommonJS main, which Node loads, registers none, so `tf.grad`
 * of any model would fail in Node without this. The configs come from
 * `tfjs_gradients.generated.js`, tfjs-core's own gradient code bundled so
 * that it imports the public `@tensorflow/tfjs-core` (no second engine,
 * Tensor class or registry; see scripts/vendor-tfjs-gradients.mjs).
 *
 * A kernel that already has a gradient is left alone, so loading the
 * `@tensorflow/tfjs` union package too (which registers the same configs)
 * changes nothing.
 */
import { getGradient, registerGradient } from '@tensorflow/tfjs-core';
import { tfjsGradConfigs } from './tfjs_gradients.generated.js';

for (const config of tfjsGradConfigs) {
  if (getGradient(config.kernelName) === undefined) registerGradient(config);
}
