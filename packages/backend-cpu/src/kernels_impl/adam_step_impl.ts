import type { AdamStepScalars } from '@gnnjs/core';

/** The arrays of one `GnnAdamStep`, inputs then outputs, all of one length. */
export interface AdamStepArrays {
  param: Float32Array;
  grad: Float32Array;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  /** amsgrad's running maximum and its output, or null without amsgrad. */
  maxExpAvgSq: Float32Array | null;
  outParam: Float32Array;
  outExpAvg: Float32Array;
  outExpAvgSq: Float32Array;
  outMaxExpAvgSq: Float32Array | null;
}

/**
 * `GnnAdamStep` on typed arrays: every operation of the composite, in its
 * order, each rounded to float32 (`Math.fround` of the double result is the
 * IEEE float32 result for +, −, ×, ÷ and sqrt), so the numbers are the
 * op-by-op version's bit for bit, in one pass instead of ten.
 */
export function adamStepImpl(a: AdamStepArrays, s: AdamStepScalars): void {
  const f = Math.fround;
  const { param, grad, expAvg, expAvgSq, maxExpAvgSq, outParam, outExpAvg, outExpAvgSq, outMaxExpAvgSq } = a;
  const { l2, beta1, oneMinusBeta1, beta2, oneMinusBeta2, biasCorrection2Sqrt, eps, decay, stepSize } = s;
  const size = param.length;
  for (let i = 0; i < size; i++) {
    const p = param[i]!;
    const g = l2 === undefined ? grad[i]! : f(grad[i]! + f(p * l2));
    const m = f(f(expAvg[i]! * beta1) + f(g * oneMinusBeta1));
    const v = f(f(expAvgSq[i]! * beta2) + f(f(g * g) * oneMinusBeta2));
    let second = v;
    if (maxExpAvgSq !== null) {
      second = Math.max(maxExpAvgSq[i]!, v);
      outMaxExpAvgSq![i] = second;
    }
    const denom = f(f(f(Math.sqrt(second)) / biasCorrection2Sqrt) + eps);
    const base = decay === undefined ? p : f(p * decay);
    outExpAvg[i] = m;
    outExpAvgSq[i] = v;
    outParam[i] = f(base - f(f(m / denom) * stepSize));
  }
}
