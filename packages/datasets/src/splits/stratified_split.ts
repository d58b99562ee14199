/**
 * A stratified `train_rest` split: every class is divided into validation,
 * test and training nodes in the same proportions, so that rare classes of
 * imbalanced labels appear in every part.
 */
import { GraphValidationError } from '@gnnjs/core';
import type { Rng } from '../random/rng.js';
import type { NodeMasks } from './node_splits.js';

/**
 * Splits the labelled nodes (`y >= 0`; nodes with a negative label are left
 * out of every mask) into `numVal` validation and `numTest` test nodes,
 * apportioned to the classes by size (largest remainder), the rest training.
 * Each class gets at least one node in each requested part, so a total may
 * exceed its request by up to the number of classes; a class too small for
 * that is an error that lists the class sizes. `context` prefixes messages.
 */
export function stratifiedSplit(y: Int32Array, numVal: number, numTest: number, rng: Rng, context: string): NodeMasks {
  const members = classMembers(y);
  const sizes = members.map((m) => m.length);
  const labelled = sizes.reduce((a, b) => a + b, 0);
  const parts = 1 + (numVal > 0 ? 1 : 0) + (numTest > 0 ? 1 : 0);
  const small = sizes.findIndex((n) => n > 0 && n < parts);
  if (labelled === 0) throw new GraphValidationError('y', `${context}: no labelled node (y >= 0) to stratify`);
  if (small >= 0) {
    throw new GraphValidationError(
      'y',
      `${context}: class ${small} has ${sizes[small]} node${sizes[small] === 1 ? '' : 's'}, but a stratified split into ${partNames(numVal, numTest)} needs at least ${parts} per class (class sizes: ${describeSizes(sizes)})`,
    );
  }
  if (numVal + numTest >= labelled) {
    throw new GraphValidationError('numVal', `${context}: numVal = ${numVal} and numTest = ${numTest} take all ${labelled} labelled nodes, leaving none for training`);
  }
  const val = apportion(sizes, numVal);
  const test = apportion(sizes, numTest);
  const n = y.length;
  const masks = { trainMask: new Uint8Array(n), valMask: new Uint8Array(n), testMask: new Uint8Array(n) };
  members.forEach((nodes, c) => {
    if (nodes.length === 0) return;
    let v = Math.max(val[c]!, numVal > 0 ? 1 : 0);
    let t = Math.max(test[c]!, numTest > 0 ? 1 : 0);
    // Keep one training node: shrink the larger evaluation part (never below one).
    while (v + t > nodes.length - 1) {
      if (v >= t && v > 1) v--;
      else t--;
    }
    const order = rng.shuffle(Int32Array.from(nodes));
    order.forEach((node, k) => {
      if (k < v) masks.valMask[node] = 1;
      else if (k < v + t) masks.testMask[node] = 1;
      else masks.trainMask[node] = 1;
    });
  });
  return masks;
}

/** Class sizes as `0: 120, 1: 3`, for error messages. */
export function describeSizes(sizes: readonly number[]): string {
  return sizes.map((n, c) => `${c}: ${n}`).join(', ');
}

/** The nodes of each class 0..max(y), ascending. */
export function classMembers(y: Int32Array): number[][] {
  const numClasses = y.reduce((a, b) => Math.max(a, b), -1) + 1;
  const members: number[][] = Array.from({ length: numClasses }, () => []);
  y.forEach((c, i) => {
    if (c >= 0) members[c]!.push(i);
  });
  return members;
}

/** `total` divided over classes in proportion to `sizes` (Hamilton's largest-remainder method). */
function apportion(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((n) => (n * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, c) => [e - Math.floor(e), c] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, c] of byRemainder) {
    if (left-- <= 0) break;
    out[c]!++;
  }
  return out;
}

function partNames(numVal: number, numTest: number): string {
  return ['train', ...(numVal > 0 ? ['validation'] : []), ...(numTest > 0 ? ['test'] : [])].join('/');
}
