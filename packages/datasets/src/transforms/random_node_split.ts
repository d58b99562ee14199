import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, type Graph } from '@gnnjs/core';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { perClassSplit, trainRestSplit, type NodeMasks } from '../splits/node_splits.js';
import { classMembers, describeSizes, stratifiedSplit } from '../splits/stratified_split.js';
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
  /**
   * `'train_rest'` only: split every class in the same proportions (by the
   * int labels `y`; nodes labelled < 0 join no part), so that rare classes of
   * imbalanced labels reach validation and test. Ratios are of the labelled
   * nodes. Default false (PyG has no such option).
   */
  readonly stratify?: boolean | undefined;
  /** Seed of the transform's random stream (default 0); each `apply` draws the next split. */
  readonly seed?: number | undefined;
}

/**
 * Random train/validation/test masks with PyG's `RandomNodeSplit` rules
 * (one split; `numSplits` is not supported), or stratified by label on
 * request. Seeded: the same seed gives the same sequence of splits (not the
 * same nodes as PyG's torch RNG). Like PyG, a part gets fewer nodes than
 * asked when too few are left; unlike PyG, a part left EMPTY is an error
 * that gives the counts (PyG silently leaves it empty).
 *
 * @example
 * ```ts
 * const split = new RandomNodeSplit({ split: 'random', seed: 1 }).apply(graph);
 * const fraud = new RandomNodeSplit({ numVal: 0.1, numTest: 0.2, stratify: true }).apply(accounts); // 1% positives in every part
 * ```
 */
export class RandomNodeSplit implements Transform {
  readonly split: 'train_rest' | 'test_rest' | 'random';
  readonly numTrainPerClass: number;
  readonly numVal: number;
  readonly numTest: number;
  readonly stratify: boolean;
  private readonly rng: Rng;

  constructor(options: RandomNodeSplitOptions = {}) {
    this.split = options.split ?? 'train_rest';
    if (!['train_rest', 'test_rest', 'random'].includes(this.split)) {
      throw new GraphValidationError('split', `expected 'train_rest', 'test_rest' or 'random', got '${String(this.split)}'`);
    }
    this.numTrainPerClass = options.numTrainPerClass ?? 20;
    this.numVal = options.numVal ?? 500;
    this.numTest = options.numTest ?? 1000;
    this.stratify = options.stratify ?? false;
    if (this.stratify && this.split !== 'train_rest') {
      throw new GraphValidationError('stratify', `applies to split 'train_rest'; '${this.split}' already draws numTrainPerClass nodes of each class`);
    }
    this.rng = new Rng(options.seed ?? DEFAULT_SEED);
  }

  apply(graph: Graph): Graph {
    const masks = this.masks(graph.numNodes, graph.y, 'RandomNodeSplit');
    return withFields(graph, {
      trainMask: tf.tensor1d(masks.trainMask, 'bool'),
      valMask: tf.tensor1d(masks.valMask, 'bool'),
      testMask: tf.tensor1d(masks.testMask, 'bool'),
    });
  }

  /**
   * The next split of `numNodes` nodes with labels `y` (needed for `'random'`,
   * `'test_rest'` and `stratify`). `context` starts error messages (the
   * heterogeneous split names its node type there).
   */
  masks(numNodes: number, y: tf.Tensor | undefined, context: string): NodeMasks {
    const where = `${context}('${this.split}'${this.stratify ? ', stratify' : ''})`;
    const needsLabels = this.split !== 'train_rest' || this.stratify;
    if (needsLabels && (y === undefined || y.rank !== 1)) throw new GraphValidationError('y', `${where} needs node labels y [N]`);
    const labels = needsLabels ? Int32Array.from(y!.dataSync()) : undefined;
    const labelled = this.stratify ? labels!.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0) : numNodes;
    const count = (v: number): number => (v > 0 && v < 1 ? Math.round(labelled * v) : v);
    const numVal = count(this.numVal);
    const numTest = count(this.numTest);
    if (this.stratify) return stratifiedSplit(labels!, numVal, numTest, this.rng, where);
    if (this.split === 'train_rest') {
      if (numVal + numTest >= numNodes) {
        throw new GraphValidationError('numVal', `${where}: numVal = ${numVal} and numTest = ${numTest} take all ${numNodes} nodes, leaving none for training`);
      }
      return trainRestSplit(numNodes, numVal, numTest, this.rng);
    }
    const sizes = classMembers(labels!).map((m) => m.length);
    const masks = perClassSplit(labels!, sizes.length, { numTrainPerClass: this.numTrainPerClass, numVal, numTest: this.split === 'test_rest' ? 'rest' : numTest }, this.rng);
    const trained = masks.trainMask.reduce((a, b) => a + b, 0);
    const left = numNodes - trained;
    const wantTest = this.split === 'test_rest' || numTest > 0;
    if ((numVal > 0 && left === 0) || (wantTest && left <= (numVal > 0 ? numVal : 0))) {
      const asked = `validation (numVal = ${numVal})${wantTest ? ` and test (${this.split === 'test_rest' ? 'the rest' : `numTest = ${numTest}`})` : ''}`;
      if (left === 0) {
        throw new GraphValidationError(
          'numTrainPerClass',
          `${where}: ${this.numTrainPerClass} training nodes per class take all ${numNodes} nodes (class sizes: ${describeSizes(sizes)}), leaving none for ${asked}`,
        );
      }
      throw new GraphValidationError(
        'numVal',
        `${where}: ${this.numTrainPerClass} training nodes per class take ${trained} of ${numNodes} nodes (class sizes: ${describeSizes(sizes)}); numVal = ${numVal} takes the other ${Math.min(numVal, left)}, leaving 0 for test`,
      );
    }
    return masks;
  }

  toString(): string {
    return `RandomNodeSplit(split=${this.split}${this.stratify ? ', stratify=true' : ''})`;
  }
}
