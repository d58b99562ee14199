/**
 * Node splits with PyG's semantics (Planetoid's `split='full'|'random'` and
 * `RandomNodeSplit`), on 0/1 byte masks. Randomness comes from our seeded
 * `Rng`, so the chosen nodes differ from PyG's torch RNG but the rules match.
 */
import type { Rng } from '../random/rng.js';

/** Train, validation and test masks (0/1 per node). */
export interface NodeMasks {
  readonly trainMask: Uint8Array;
  readonly valMask: Uint8Array;
  readonly testMask: Uint8Array;
}

/** `split='full'`: every node outside validation and test trains. */
export function fullSplit(valMask: Uint8Array, testMask: Uint8Array): Uint8Array {
  return valMask.map((v, i) => (v || testMask[i] ? 0 : 1));
}

/** Options of a per-class split. */
export interface PerClassSplitOptions {
  readonly numTrainPerClass: number;
  readonly numVal: number;
  /** A count, or `'rest'` for every node left after train and validation (`test_rest`). */
  readonly numTest: number | 'rest';
}

/**
 * `split='random'` (and `test_rest`): `numTrainPerClass` random nodes of each
 * class train; of the remaining nodes in random order, the first `numVal`
 * validate and the next `numTest` test.
 */
export function perClassSplit(y: Int32Array, numClasses: number, options: PerClassSplitOptions, rng: Rng): NodeMasks {
  const n = y.length;
  const trainMask = new Uint8Array(n);
  for (let c = 0; c < numClasses; c++) {
    const members = rng.shuffle(Int32Array.from(indicesWhere(n, (i) => y[i] === c)));
    for (const i of members.subarray(0, options.numTrainPerClass)) trainMask[i] = 1;
  }
  const remaining = rng.shuffle(Int32Array.from(indicesWhere(n, (i) => trainMask[i] === 0)));
  const valEnd = Math.min(options.numVal, remaining.length);
  const testEnd = options.numTest === 'rest' ? remaining.length : Math.min(valEnd + options.numTest, remaining.length);
  return {
    trainMask,
    valMask: maskOf(n, remaining.subarray(0, valEnd)),
    testMask: maskOf(n, remaining.subarray(valEnd, testEnd)),
  };
}

/** `train_rest`: random `numVal` nodes validate, the next `numTest` test, the rest train. */
export function trainRestSplit(numNodes: number, numVal: number, numTest: number, rng: Rng): NodeMasks {
  const perm = rng.shuffle(Int32Array.from({ length: numNodes }, (_, i) => i));
  const valEnd = Math.min(numVal, numNodes);
  const testEnd = Math.min(valEnd + numTest, numNodes);
  return {
    valMask: maskOf(numNodes, perm.subarray(0, valEnd)),
    testMask: maskOf(numNodes, perm.subarray(valEnd, testEnd)),
    trainMask: maskOf(numNodes, perm.subarray(testEnd)),
  };
}

function indicesWhere(n: number, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return out;
}

function maskOf(n: number, indices: Int32Array): Uint8Array {
  const mask = new Uint8Array(n);
  for (const i of indices) mask[i] = 1;
  return mask;
}
