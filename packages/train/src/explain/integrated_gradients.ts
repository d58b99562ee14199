/**
 * Gradient attributions of a scalar function of several tensors, as Captum
 * computes them: `Saliency` (the gradient at the input) and
 * `IntegratedGradients` (Sundararajan et al. 2017) along the straight path
 * from a baseline, with Captum's default Gauss–Legendre rule.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@gnnjs/core';

/** A scalar function of the inputs (e.g. one node's logit); tensors it makes are freed by the caller's tidy. */
export type ScalarFunction = (inputs: readonly tf.Tensor[]) => tf.Scalar;

/** Options of {@link integratedGradients}. */
export interface IntegratedGradientsOptions {
  /** Points of the quadrature (default 50, Captum's `n_steps`). */
  steps?: number;
  /** `'gausslegendre'` (default, Captum's) or `'riemann_trapezoid'`. */
  method?: 'gausslegendre' | 'riemann_trapezoid';
}

/** {@link integratedGradients}' result; the caller owns `attributions`. */
export interface IntegratedGradientsResult {
  /** One tensor per input, its shape: `(x − x') ⊙ ∫₀¹ ∂f/∂x(x' + α(x − x')) dα`. */
  attributions: tf.Tensor[];
  /** `f(inputs)`. */
  value: number;
  /** `f(baselines)`. */
  baselineValue: number;
  /** Σ attributions − (f(x) − f(x')): Captum's convergence delta (0 for an exact integral). */
  delta: number;
}

/**
 * Nodes and weights of the Gauss–Legendre rule with `n` points on [0, 1]
 * (Newton's method on the Legendre polynomial, as numpy's `leggauss`).
 */
export function gaussLegendre(n: number): { alphas: number[]; weights: number[] } {
  const alphas: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      if (n === 1) p0 = 1;
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    alphas.push((1 - x) / 2);
    weights.push(1 / ((1 - x * x) * dp * dp));
  }
  const order = alphas.map((_, k) => k).sort((a, b) => alphas[a]! - alphas[b]!);
  return { alphas: order.map((k) => alphas[k]!), weights: order.map((k) => weights[k]!) };
}

/** The quadrature's points on [0, 1] and their weights (summing to 1). */
export function quadrature(steps: number, method: 'gausslegendre' | 'riemann_trapezoid'): { alphas: number[]; weights: number[] } {
  if (!Number.isInteger(steps) || steps < 2) throw new ShapeError('steps', `integrated gradients need an integer number of steps >= 2, got ${String(steps)}`);
  if (method === 'gausslegendre') return gaussLegendre(steps);
  if (method === 'riemann_trapezoid') {
    const alphas = Array.from({ length: steps }, (_, k) => k / (steps - 1));
    const weights = alphas.map((_, k) => (k === 0 || k === steps - 1 ? 0.5 : 1) / (steps - 1));
    return { alphas, weights };
  }
  throw new ShapeError('method', `expected 'gausslegendre' or 'riemann_trapezoid', got ${JSON.stringify(method)}`);
}

/**
 * `f` plus `0 · Σ x` of every input, so that an input the output does not
 * depend on (a node type too far away) gets a zero gradient rather than
 * tfjs's "cannot compute gradient" error.
 */
function connected(f: ScalarFunction): (...xs: tf.Tensor[]) => tf.Scalar {
  return (...xs) => tf.add(f(xs), tf.mul(0, tf.addN(xs.map((x) => tf.sum(x))))) as tf.Scalar;
}

/** `f` at `inputs`, read back. */
function valueAt(f: ScalarFunction, inputs: readonly tf.Tensor[]): number {
  const v = tf.tidy(() => f(inputs));
  const out = v.dataSync()[0]!;
  v.dispose();
  return out;
}

/**
 * Captum's `Saliency`: the gradient of `f` at the inputs, one tensor per
 * input (`abs` as Captum's default: magnitudes).
 *
 * @example
 * ```ts
 * const [gx] = saliency((xs) => tf.sum(tf.mul(xs[0]!, w)), [x]);
 * ```
 */
export function saliency(f: ScalarFunction, inputs: readonly tf.Tensor[], options: { abs?: boolean } = {}): tf.Tensor[] {
  const abs = options.abs ?? true;
  return tf.tidy(() => {
    const grads = tf.grads(connected(f))([...inputs]);
    return abs ? grads.map((g) => tf.abs(g)) : grads;
  });
}

/**
 * Integrated gradients of `f` from `baselines` to `inputs` (Captum's
 * `IntegratedGradients.attribute` with `n_steps` and `method`): per input
 * entry, `(x − x') · Σ_k w_k ∂f/∂x(x' + α_k (x − x'))`. Their sum equals
 * `f(x) − f(x')` up to the quadrature's error (`delta`): completeness.
 * Every input moves along the path together.
 *
 * @example
 * ```ts
 * const ig = integratedGradients((xs) => logitOf(model, xs), [x], [tf.zerosLike(x)], { steps: 64 });
 * ig.delta; // ≈ 0
 * ```
 */
export function integratedGradients(
  f: ScalarFunction,
  inputs: readonly tf.Tensor[],
  baselines: readonly tf.Tensor[],
  options: IntegratedGradientsOptions = {},
): IntegratedGradientsResult {
  if (baselines.length !== inputs.length) throw new ShapeError('baselines', `expected one baseline per input (${inputs.length}), got ${baselines.length}`);
  inputs.forEach((x, k) => {
    if (baselines[k]!.shape.join() !== x.shape.join()) {
      throw new ShapeError(`baselines[${k}]`, `expected shape [${x.shape.join(', ')}] (its input's), got [${baselines[k]!.shape.join(', ')}]`);
    }
  });
  const { alphas, weights } = quadrature(options.steps ?? 50, options.method ?? 'gausslegendre');
  const diffs = tf.tidy(() => inputs.map((x, k) => tf.sub(x, baselines[k]!)));
  let total = inputs.map((x) => tf.zerosLike(x));
  try {
    alphas.forEach((alpha, step) => {
      const next = tf.tidy(() => {
        const point = baselines.map((b, k) => tf.add(b, tf.mul(diffs[k]!, alpha)));
        const grads = tf.grads(connected(f))(point);
        return total.map((t, k) => tf.add(t, tf.mul(grads[k]!, weights[step]!)));
      });
      tf.dispose(total);
      total = next;
    });
    const attributions = tf.tidy(() => total.map((t, k) => tf.mul(t, diffs[k]!)));
    const value = valueAt(f, inputs);
    const baselineValue = valueAt(f, baselines);
    const sum = tf.tidy(() => tf.addN(attributions.map((a) => tf.sum(a))));
    const delta = sum.dataSync()[0]! - (value - baselineValue);
    sum.dispose();
    return { attributions, value, baselineValue, delta };
  } finally {
    tf.dispose([...diffs, ...total]);
  }
}
