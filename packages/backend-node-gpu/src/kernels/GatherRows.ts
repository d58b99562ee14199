import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { GatherRows, type GatherRowsInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/** `out[e] = x[indices[e]]` as one `GatherV2`. */
export const gatherRowsConfig: KernelConfig = {
  kernelName: GatherRows,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, backend }) => {
    const { x, indices } = inputs as Supplied<GatherRowsInputs>;
    return tidy(() => tfOpsOf(backend, GatherRows).gather(x, indices));
  },
};
