import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, type HeteroGraph, type NodeStoreChanges } from '@gnnjs/core';
import { RandomNodeSplit, type RandomNodeSplitOptions } from './random_node_split.js';
import type { HeteroTransform } from './hetero_transform.js';

/** Options of {@link HeteroRandomNodeSplit}: {@link RandomNodeSplitOptions} and the target type. */
export interface HeteroRandomNodeSplitOptions extends RandomNodeSplitOptions {
  /** The node type that gets the masks (its `y` holds the labels). */
  readonly nodeType: string;
}

/**
 * `RandomNodeSplit` on one node type of a heterogeneous graph (the target
 * type of node classification; other types get no masks): the same rules,
 * counts or ratios of that type's nodes, and `stratify: true` by its labels
 * for imbalanced classes. Errors name the type.
 *
 * @example
 * ```ts
 * const split = new HeteroRandomNodeSplit({ nodeType: 'account', numVal: 0.1, numTest: 0.2, stratify: true, seed: 7 });
 * const g2 = split.apply(g); // g2.node('account').trainMask, valMask, testMask
 * ```
 */
export class HeteroRandomNodeSplit implements HeteroTransform {
  readonly nodeType: string;
  readonly #split: RandomNodeSplit;

  constructor(options: HeteroRandomNodeSplitOptions) {
    if (options === null || typeof options !== 'object' || typeof options.nodeType !== 'string') {
      throw new GraphValidationError('nodeType', 'HeteroRandomNodeSplit needs the node type to split: { nodeType: "account", ... }');
    }
    this.nodeType = options.nodeType;
    this.#split = new RandomNodeSplit(options);
  }

  apply<N extends string>(graph: HeteroGraph<N>): HeteroGraph<N> {
    const type = this.nodeType;
    if (!graph.hasNode(type)) {
      throw new GraphValidationError('nodeType', `'${type}' is not a node type of the graph (node types: ${graph.nodeTypes.map((t) => `'${t}'`).join(', ')})`);
    }
    const store = graph.node(type);
    let masks;
    try {
      masks = this.#split.masks(store.numNodes, store.y, `HeteroRandomNodeSplit['${type}']`);
    } catch (error) {
      // The labels are the node type's: name it.
      if (error instanceof GraphValidationError && error.field === 'y') throw new GraphValidationError(`node ['${type}'].y`, error.message.slice(3));
      throw error;
    }
    const change: NodeStoreChanges = {
      trainMask: tf.tensor1d(masks.trainMask, 'bool'),
      valMask: tf.tensor1d(masks.valMask, 'bool'),
      testMask: tf.tensor1d(masks.testMask, 'bool'),
    };
    return graph.with({ nodes: { [type]: change } as { [K in N]?: NodeStoreChanges } }, { validate: false });
  }

  toString(): string {
    return `HeteroRandomNodeSplit(nodeType=${this.nodeType}, split=${this.#split.split}${this.#split.stratify ? ', stratify=true' : ''})`;
  }
}
