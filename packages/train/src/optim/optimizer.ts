import * as tf from '@tensorflow/tfjs-core';
import { OptimizerError } from '../errors.js';

/**
 * What `fit` needs from an optimizer: the variables to differentiate and an
 * update from their gradients. {@link Adam}, {@link AdamW} and {@link SGD}
 * implement it; so can any object with these members.
 */
export interface Optimizer {
  /** Every parameter it updates (the `varList` of `tf.variableGrads`). */
  variables(): tf.Variable[];
  /**
   * One update from gradients keyed by variable name (as `tf.variableGrads`
   * returns them); parameters without a gradient are left alone. Does not
   * dispose `grads`.
   */
  step(grads: tf.NamedTensorMap): void;
  /** Updates taken so far. */
  readonly steps: number;
  /** Frees the optimizer's state (the parameters belong to the model). */
  dispose(): void;
}

/** Parameters sharing hyper-parameters, like a torch optimizer's param group. */
export interface ParamGroup {
  params: readonly tf.Variable[];
  /** Learning rate of this group; default: the optimizer's. */
  lr?: number;
  /** Weight decay of this group; default: the optimizer's. */
  weightDecay?: number;
}

/** One parameter with its group's resolved hyper-parameters. */
export interface ParamSlot {
  param: tf.Variable;
  lr: number;
  weightDecay: number;
}

/**
 * Resolves `groups` (param groups or a bare variable list) to one slot per
 * parameter, checking every hyper-parameter; throws {@link OptimizerError}
 * naming the optimizer and the value.
 */
export function resolveGroups(
  optimizer: string,
  groups: readonly ParamGroup[] | readonly tf.Variable[],
  defaults: { lr: number; weightDecay: number },
): ParamSlot[] {
  checkNonNegative(optimizer, 'lr', defaults.lr);
  checkNonNegative(optimizer, 'weightDecay', defaults.weightDecay);
  const normalised: readonly ParamGroup[] = isVariableList(groups) ? [{ params: groups }] : groups;
  const seen = new Set<tf.Variable>();
  const slots: ParamSlot[] = [];
  for (const [i, group] of normalised.entries()) {
    if (!Array.isArray(group.params)) throw new OptimizerError(`${optimizer}: group ${i} has no 'params' array`);
    const lr = group.lr ?? defaults.lr;
    const weightDecay = group.weightDecay ?? defaults.weightDecay;
    checkNonNegative(optimizer, `groups[${i}].lr`, lr);
    checkNonNegative(optimizer, `groups[${i}].weightDecay`, weightDecay);
    for (const param of group.params) {
      if (!(param instanceof tf.Variable)) throw new OptimizerError(`${optimizer}: group ${i} holds something that is not a tf.Variable`);
      if (seen.has(param)) throw new OptimizerError(`${optimizer}: parameter '${param.name}' appears in two groups`);
      seen.add(param);
      slots.push({ param, lr, weightDecay });
    }
  }
  return slots;
}

/** Throws unless `value` is a finite number >= 0. */
export function checkNonNegative(optimizer: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new OptimizerError(`${optimizer}: ${name} must be a finite number >= 0, got ${value}`);
  }
}

/** Throws unless `value` is in [0, 1). */
export function checkUnitInterval(optimizer: string, name: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new OptimizerError(`${optimizer}: ${name} must be in [0, 1), got ${value}`);
}

/** A zero-filled, non-trainable copy of `param`'s shape (optimizer state). */
export function zerosState(param: tf.Variable): tf.Variable {
  // tidy frees the zeros; the variable survives it.
  return tf.tidy(() => tf.variable(tf.zerosLike(param), false));
}

function isVariableList(groups: readonly ParamGroup[] | readonly tf.Variable[]): groups is readonly tf.Variable[] {
  return groups.length === 0 || groups[0] instanceof tf.Variable;
}
