import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SDDMM, type SDDMMAttrs, type SDDMMInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/** Gathers source and target rows (`GatherV2`), then `Add`, `Mul`, or `Mul` + `Sum` over the last axis. */
export const sddmmConfig: KernelConfig = {
  kernelName: SDDMM,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { edgeIndex, lhs, rhs } = inputs as Supplied<SDDMMInputs>;
    const { op } = attrs as unknown as SDDMMAttrs;
    return tidy(() => {
      const ops = tfOpsOf(backend, SDDMM);
      const src = ops.gather(lhs, ops.edgeRow(edgeIndex, 0));
      const dst = ops.gather(rhs, ops.edgeRow(edgeIndex, 1));
      if (op === 'add') return ops.binary('Add', src, dst);
      const product = ops.binary('Mul', src, dst);
      return op === 'dot' ? ops.sumLastAxis(product) : product;
    });
  },
};
