import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { Dropout, type DropoutAttrs } from '../kernels/kernel_names.js';
import { seededDropout } from '../ops/dropout.js';

/**
 * `dx = dy · mask`, which is dropout of `dy` with the same rate and seed: the
 * mask is drawn again instead of being kept alive between forward and backward.
 */
export const dropoutGradConfig: GradConfig = {
  kernelName: Dropout,
  gradFunc: (dy, _saved, attrs) => {
    const { rate, seed } = attrs as unknown as DropoutAttrs;
    return { x: () => seededDropout(dy as Tensor, rate, seed) };
  },
};
