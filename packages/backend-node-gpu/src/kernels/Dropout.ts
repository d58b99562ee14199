import { tensor, tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { Dropout, dropoutMask, type DropoutAttrs, type DropoutInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/**
 * `Mul` by the counter-based mask, drawn on the host: TensorFlow has no op for
 * that hash, and drawing it on the host gives exactly the mask of every other
 * backend (TensorFlow's own dropout would not).
 */
export const dropoutConfig: KernelConfig = {
  kernelName: Dropout,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as Supplied<DropoutInputs>;
    const { rate, seed } = attrs as unknown as DropoutAttrs;
    return tidy(() => {
      const size = x.shape.reduce((a, b) => a * b, 1);
      const mask = tensor(dropoutMask(size, rate, seed), x.shape, 'float32');
      return tfOpsOf(backend, Dropout).binary('Mul', x, mask);
    });
  },
};
