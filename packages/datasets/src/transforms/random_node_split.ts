import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, type Graph } from '@gnnjs/core';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { perClassSplit, trainRestSplit, type NodeMasks } from '../splits/node_splits.js';
import { withFields } from '../graph/with_fields.js';
import type { Transform } from './transform.js';

/** Options of {@link RandomNodeSplit} (PyG's defaults). */
export interface RandomNodeSplitOptions {
  /** `'train_rest'` (default), `'test_rest'` or `'random'`. */
  readonly split?: 'train_rest' | 'test_rest' | 'random' | undefined;
  /** Training nodes per class for `'test_rest'` and `'random'` (default 20). */
  readonly numTrainPerClass?: number | undefined;
  /** Validation nodes: a count, or a ratio of the nodes when strictly between 0 and 1 (default 500). */
  readonly numVal?: number | undefined;
  /** Test nodes for `'train_rest'` and `'random'`: a count or a ratio (default 1000). */
  readonly numTest?: number | undefined;
  /** Seed of the transform's random stream (default 0); each `apply` draws the next split. */
  readonly seed?: number | undefined;
}

/**
 * Random train/validation/test masks with PyG's `RandomNodeSplit` rules
 * (one split; `numSplits` is not supported). Seeded: the same seed gives the
 * same sequence of splits (not the same nodes as PyG's torch RNG).
 *
 * @example
 * ```ts
 * const split = new RandomNodeSplit({ split: 'random', seed: 1 }).apply(graph);
 * ```
 */
export class RandomNodeSplit implements Transform {
  readonly split: 'train_rest' | 'test_rest' | 'random';
  readonly numTrainPerClass: number;
  readonly numVal: number;
  readonly numTest: number;
  private readonly rng: Rng;

  constructor(options: RandomNodeSplitOptions = {}) {
    this.split = options.split ?? 'train_rest';
    if (!['train_rest', 'test_rest', 'random'].includes(this.split)) {
      throw new GraphValidationError('split', `expected 'train_rest', 'test_rest' or 'random', got '${String(this.split)}'`);
    }
    this.numTrainPerClass = options.numTrainPerClass ?? 20;
    this.numVal = options.numVal ?? 500;
    this.numTest = options.numTest ?? 1000;
    this.rng = new Rng(options.seed ?? DEFAULT_SEED);
  }

  apply(graph: Graph): Graph {
    const n = graph.numNodes;
    const count = (v: number): number => (v > 0 && v < 1 ? Math.round(n * v) : v);
    const numVal = count(this.numVal);
    const numTest = count(this.numTest);
    let masks: NodeMasks;
    if (this.split === 'train_rest') {
      masks = trainRestSplit(n, numVal, numTest, this.rng);
    } else {
      if (graph.y === undefined || graph.y.rank !== 1) throw new GraphValidationError('y', `RandomNodeSplit('${this.split}') needs node labels y [N]`);
      const y = Int32Array.from(graph.y.dataSync());
      const numClasses = y.reduce((a, b) => Math.max(a, b), -1) + 1;
      masks = perClassSplit(y, numClasses, {
        numTrainPerClass: this.numTrainPerClass,
        numVal,
        numTest: this.split === 'test_rest' ? 'rest' : numTest,
      }, this.rng);
    }
    return withFields(graph, {
      trainMask: tf.tensor1d(masks.trainMask, 'bool'),
      valMask: tf.tensor1d(masks.valMask, 'bool'),
      testMask: tf.tensor1d(masks.testMask, 'bool'),
    });
  }

  toString(): string {
    return `RandomNodeSplit(split=${this.split})`;
  }
}
