/**
 * PyG's initialisers (`torch_geometric.nn.inits`), drawing their seeds from
 * core's global stream so that `manualSeed` makes models reproducible.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nextSeed } from '@gnnjs/core';

function uniform(shape: readonly number[], bound: number): tf.Tensor {
  return tf.randomUniform([...shape], -bound, bound, 'float32', nextSeed());
}

/** Glorot/Xavier uniform over the last two axes: `U(±sqrt(6 / (shape[-2] + shape[-1])))`. */
export function glorot(shape: readonly number[]): tf.Tensor {
  const fanIn = shape[shape.length - 1] ?? 1;
  const fanOut = shape[shape.length - 2] ?? 1;
  return uniform(shape, Math.sqrt(6 / (fanIn + fanOut)));
}

/** PyTorch's `kaiming_uniform_` with `a = sqrt(5)` (PyG `Linear`'s default): `U(±1/sqrt(fan))`. */
export function kaimingUniform(shape: readonly number[], fan: number): tf.Tensor {
  const a = Math.sqrt(5);
  return uniform(shape, Math.sqrt(6 / ((1 + a * a) * fan)));
}

/** PyG's `uniform(size, tensor)` for biases: `U(±1/sqrt(size))`. */
export function uniformFanIn(shape: readonly number[], fan: number): tf.Tensor {
  return uniform(shape, 1 / Math.sqrt(fan));
}

/** A trainable variable holding `init()`, without leaking the initial tensor. */
export function parameter(init: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(init()));
}

/** Overwrites `variable` with `init(variable.shape)`, freeing the draw. */
export function reinitialize(variable: tf.Variable, init: (shape: readonly number[]) => tf.Tensor): void {
  tf.tidy(() => variable.assign(init(variable.shape)));
}
