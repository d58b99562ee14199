/**
 * How `randomLinkSplit` divides ONE edge set (a homogeneous graph, or one edge
 * type of a heterogeneous one), as PyG's `RandomLinkSplit.forward` does per
 * store: which edges are candidates, how many go to validation, test and
 * (disjoint) training supervision, and how many negatives each split gets.
 * The random draws (the permutation and the negatives) come from a `draw`
 * function, so that the arithmetic is the same whoever draws.
 */
import { SamplingError } from '../errors.js';
import { hashSeed, Random, STREAM } from '../sampler/random.js';
import { negativeSampling } from './negative_sampling.js';
import type { RandomLinkSplitOptions } from './random_link_split.js';

/** Node pairs as two rows. */
export type PairRows = [number[], number[]];

/** The random part of a split: the candidate edges' ids in random order, and the negatives found for the `numNeg` asked. */
export interface LinkSplitDraws {
  readonly perm: readonly number[];
  readonly negatives: readonly [ArrayLike<number>, ArrayLike<number>];
}

/** Draws a permutation of `candidates` (edge ids) and `numNeg` negatives. */
export type LinkSplitDraw = (candidates: readonly number[], numNeg: number) => LinkSplitDraws;

/** Which edges (ids into the edge set) and negatives each split gets. */
export interface LinkSplitPartition {
  /** All training edges, in permutation order (validation messages pass on them). */
  readonly trainEdges: number[];
  readonly valEdges: number[];
  readonly testEdges: number[];
  /** Training edges used only as supervision (the first `numDisjoint` of `trainEdges`). */
  readonly numDisjoint: number;
  readonly negatives: { readonly train: PairRows; readonly val: PairRows; readonly test: PairRows };
}

function count(value: number, total: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw new SamplingError(field, `expected a count or a fraction, got ${value}`);
  // PyG takes Python floats as fractions and ints as counts; numbers below 1 are fractions here.
  return value < 1 ? Math.floor(value * total) : Math.floor(value);
}

/** The negative sampling ratio, checked. */
export function negSamplingRatio(options: RandomLinkSplitOptions): number {
  const ratio = options.negSamplingRatio ?? 1;
  if (!(ratio >= 0)) throw new SamplingError('negSamplingRatio', `expected a non-negative number, got ${ratio}`);
  return ratio;
}

/**
 * Splits the edges `row[k] → col[k]`. With `undirected`, only pairs with
 * `row ≤ col` are candidates (each undirected edge once). `where` prefixes
 * error fields (an edge type) and is empty for a homogeneous graph.
 */
export function partitionLinks(
  row: ArrayLike<number>,
  col: ArrayLike<number>,
  undirected: boolean,
  options: RandomLinkSplitOptions,
  draw: LinkSplitDraw,
  where = '',
): LinkSplitPartition {
  const ratio = negSamplingRatio(options);
  const candidates: number[] = [];
  for (let k = 0; k < row.length; k++) if (!undirected || row[k]! <= col[k]!) candidates.push(k);
  const numVal = count(options.numVal ?? 0.1, candidates.length, 'numVal');
  const numTest = count(options.numTest ?? 0.2, candidates.length, 'numTest');
  const numTrain = candidates.length - numVal - numTest;
  if (numTrain <= 0) throw new SamplingError('numVal', `${where}leaves no training edges (${candidates.length} edges, ${numVal} validation, ${numTest} test)`);
  const numDisjoint = count(options.disjointTrainRatio ?? 0, numTrain, 'disjointTrainRatio');
  if (numTrain - numDisjoint <= 0) throw new SamplingError('disjointTrainRatio', `${where}leaves no training edges for message passing`);

  const addTrain = options.addNegativeTrainSamples ?? true;
  let numNegTrain = addTrain ? Math.floor((numDisjoint > 0 ? numDisjoint : numTrain) * ratio) : 0;
  let numNegVal = Math.floor(numVal * ratio);
  let numNegTest = Math.floor(numTest * ratio);
  const numNeg = numNegTrain + numNegVal + numNegTest;
  const { perm, negatives } = draw(candidates, numNeg);
  const [negRow, negCol] = negatives;
  const found = negRow.length;
  if (found < numNeg) {
    numNegTrain = Math.floor((numNegTrain / numNeg) * found);
    numNegVal = Math.floor((numNegVal / numNeg) * found);
    numNegTest = found - numNegTrain - numNegVal;
  }
  const slice = (from: number, to: number): PairRows => [Array.from(negRow).slice(from, to), Array.from(negCol).slice(from, to)];
  return {
    trainEdges: perm.slice(0, numTrain),
    valEdges: perm.slice(numTrain, numTrain + numVal),
    testEdges: perm.slice(numTrain + numVal),
    numDisjoint,
    // PyG's order: validation negatives, test negatives, then training negatives.
    negatives: { val: slice(0, numNegVal), test: slice(numNegVal, numNegVal + numNegTest), train: slice(numNegVal + numNegTest, numNegVal + numNegTest + numNegTrain) },
  };
}

/**
 * The seeded draws: a permutation from `hashSeed(seed, STREAM.split)` and
 * PyG's sparse negative sampling over `numNodes` (a square node set, or
 * `[numSrc, numDst]` for a bipartite edge type) from `hashSeed(seed, STREAM.negatives)`.
 */
export function seededDraw(row: ArrayLike<number>, col: ArrayLike<number>, numNodes: number | readonly [number, number], seed: number): LinkSplitDraw {
  return (candidates, numNeg) => {
    const order = new Random(hashSeed(seed, STREAM.split)).permutation(candidates.length);
    const neg = negativeSampling([row, col], { numNodes, numNegSamples: numNeg, method: 'sparse', seed: hashSeed(seed, STREAM.negatives) });
    const data = neg.dataSync() as Int32Array;
    const found = neg.shape[1];
    neg.dispose();
    return { perm: Array.from(order, (i) => candidates[i]!), negatives: [data.subarray(0, found), data.subarray(found, 2 * found)] };
  };
}
