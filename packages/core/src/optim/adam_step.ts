import { engine, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { defineCompositeKernel, ensureKernel } from '../kernels/composite_kernels.js';
import { AdamStep, type AdamStepAttrs } from './adam_step_kernel.js';
import { adamStepComposite } from './adam_step_composite.js';

defineCompositeKernel(AdamStep, adamStepComposite);

/** What {@link adamStep} updates: a parameter and its Adam state, all of one shape. */
export interface AdamStepTensors {
  param: Tensor;
  expAvg: Tensor;
  expAvgSq: Tensor;
  /** The running maximum of `expAvgSq` (amsgrad only). */
  maxExpAvgSq?: Tensor | undefined;
}

/**
 * One fused Adam/AdamW update of one parameter (kernel `GnnAdamStep`, see
 * `AdamStep` for the formula): the new parameter and state, computed in one
 * kernel where the backend has one (`cpu`, `wasm`) instead of about ten. The
 * inputs are left as they are; the caller assigns the results (an
 * optimizer's `step`).
 *
 * @example
 * ```ts
 * const next = adamStep({ param: w, expAvg: m, expAvgSq: v }, grad,
 *   { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, step: 1 });
 * w.assign(next.param); m.assign(next.expAvg); v.assign(next.expAvgSq);
 * ```
 */
export function adamStep(state: AdamStepTensors, grad: Tensor, attrs: AdamStepAttrs): AdamStepTensors {
  const { param, expAvg, expAvgSq, maxExpAvgSq } = state;
  for (const [name, t] of [['grad', grad], ['expAvg', expAvg], ['expAvgSq', expAvgSq], ['maxExpAvgSq', maxExpAvgSq]] as const) {
    if (t === undefined) continue;
    if (t.dtype !== 'float32' || param.dtype !== 'float32') throw new ShapeError(name, `adamStep expects float32 tensors, got ${t.dtype} and param ${param.dtype}`);
    if (t.shape.length !== param.shape.length || t.shape.some((d, k) => d !== param.shape[k])) {
      throw new ShapeError(name, `adamStep expects the shape of param [${param.shape.join(', ')}], got [${t.shape.join(', ')}]`);
    }
  }
  if (!(Number.isInteger(attrs.step) && attrs.step >= 1)) throw new ShapeError('step', `adamStep expects a step count >= 1, got ${attrs.step}`);
  ensureKernel(AdamStep);
  const inputs: NamedTensorMap = maxExpAvgSq === undefined ? { param, grad, expAvg, expAvgSq } : { param, grad, expAvg, expAvgSq, maxExpAvgSq };
  const out = engine().runKernel(AdamStep, inputs, attrs as unknown as NamedAttrMap) as unknown as Tensor[];
  return { param: out[0]!, expAvg: out[1]!, expAvgSq: out[2]!, maxExpAvgSq: out[3] };
}
