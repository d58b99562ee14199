import { HeteroGraph, type EdgeType } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { perClassSplit } from '../splits/node_splits.js';
import { EdgeList, checkCount, checkProbability, sampleGridCells } from './edge_sampling.js';

/** One node type of {@link heteroStochasticBlockModel}. */
export interface HeteroSBMNodeOptions {
  readonly numNodes: number;
  /** Feature columns (default 16). */
  readonly numFeatures?: number | undefined;
  /**
   * Scale of the block's mean in the features: `x = signal · mean_block + noise · N(0, 1)`.
   * Default 1, and 0 for the target type: its own features then say nothing
   * of its class, which only its neighbours reveal.
   */
  readonly featureSignal?: number | undefined;
}

/** One relation of {@link heteroStochasticBlockModel}. */
export interface HeteroSBMRelationOptions {
  readonly type: EdgeType;
  /** Probability of an edge from a source of block `b` to a destination of block `(b + shift) mod C`. */
  readonly pIn: number;
  /** Probability of any other (source, destination) edge. */
  readonly pOut: number;
  /** Which destination block a source block prefers (default 0: the same block). */
  readonly shift?: number | undefined;
}

/** Options of {@link heteroStochasticBlockModel}; every field has a default (accounts, merchants, devices). */
export interface HeteroStochasticBlockModelOptions {
  /** Blocks per node type; the target type's block is its class (default 3). */
  readonly numClasses?: number | undefined;
  /** Node types (default `account` 300, `merchant` 60, `device` 60 nodes, 16 features each). */
  readonly nodes?: Readonly<Record<string, HeteroSBMNodeOptions>> | undefined;
  /**
   * Relations, directed (apply `HeteroToUndirected` for the reverse ones).
   * Default: `account pays merchant` (pIn 0.1, pOut 0.01), `account uses
   * device` (pIn 0.08, pOut 0.01, shift 1: class `k` uses devices of block
   * `k + 1`), `account follows account` (pIn 0.01, pOut 0.002).
   */
  readonly relations?: readonly HeteroSBMRelationOptions[] | undefined;
  /** The node type that gets `y` and the split masks (default `'account'`). */
  readonly target?: string | undefined;
  /** Standard deviation of the per-node feature noise (default 1; block means are N(0, 1)). */
  readonly featureNoise?: number | undefined;
  /** Training nodes per class of the target type (default min(20, ⌊smallest class / 5⌋), at least 1). */
  readonly numTrainPerClass?: number | undefined;
  readonly seed?: number | undefined;
}

/** {@link heteroStochasticBlockModel} as typed arrays. */
export interface HeteroStochasticBlockModelData {
  readonly numClasses: number;
  readonly target: string;
  /** Per node type: `x` row-major `[numNodes, numFeatures]` and each node's block. */
  readonly nodes: Readonly<Record<string, { numNodes: number; numFeatures: number; x: Float32Array; block: Int32Array }>>;
  /** Per relation: `[2, E]` row-major (sources, then destinations). */
  readonly edges: ReadonlyArray<{ type: EdgeType; edgeIndex: Int32Array }>;
  /** The target type's classes (its blocks) and split masks. */
  readonly y: Int32Array;
  readonly trainMask: Uint8Array;
  readonly valMask: Uint8Array;
  readonly testMask: Uint8Array;
}

const DEFAULT_NODES: Readonly<Record<string, HeteroSBMNodeOptions>> = {
  account: { numNodes: 300 },
  merchant: { numNodes: 60 },
  device: { numNodes: 60 },
};
const DEFAULT_RELATIONS: readonly HeteroSBMRelationOptions[] = [
  { type: ['account', 'pays', 'merchant'], pIn: 0.1, pOut: 0.01 },
  { type: ['account', 'uses', 'device'], pIn: 0.08, pOut: 0.01, shift: 1 },
  { type: ['account', 'follows', 'account'], pIn: 0.01, pOut: 0.002 },
];

/** {@link heteroStochasticBlockModel} as typed arrays. */
export function heteroStochasticBlockModelData(options: HeteroStochasticBlockModelOptions = {}): HeteroStochasticBlockModelData {
  const numClasses = options.numClasses ?? 3;
  checkCount(numClasses, 'numClasses', 1);
  const nodeOptions = options.nodes ?? DEFAULT_NODES;
  const relations = options.relations ?? DEFAULT_RELATIONS;
  const target = options.target ?? 'account';
  const noise = options.featureNoise ?? 1;
  if (!(noise >= 0)) throw new DatasetError(`featureNoise must be ≥ 0, got ${noise}`);
  if (nodeOptions[target] === undefined) throw new DatasetError(`target '${target}' is not one of the node types (${Object.keys(nodeOptions).join(', ')})`);
  const rng = new Rng(options.seed ?? DEFAULT_SEED);

  // Blocks are contiguous id ranges while sampling; a random permutation per type then hides them.
  const layout = new Map<string, { numNodes: number; starts: number[]; perm: Int32Array }>();
  const nodes: Record<string, { numNodes: number; numFeatures: number; x: Float32Array; block: Int32Array }> = {};
  for (const [type, o] of Object.entries(nodeOptions)) {
    checkCount(o.numNodes, `nodes.${type}.numNodes`, numClasses);
    const numFeatures = o.numFeatures ?? 16;
    checkCount(numFeatures, `nodes.${type}.numFeatures`, 1);
    const signal = o.featureSignal ?? (type === target ? 0 : 1);
    const starts = Array.from({ length: numClasses + 1 }, (_, b) => Math.round((b * o.numNodes) / numClasses));
    const perm = rng.shuffle(Int32Array.from({ length: o.numNodes }, (_, i) => i));
    const block = new Int32Array(o.numNodes);
    for (let b = 0; b < numClasses; b++) for (let i = starts[b]!; i < starts[b + 1]!; i++) block[perm[i]!] = b;
    const means = Float32Array.from({ length: numClasses * numFeatures }, () => rng.normal());
    const x = new Float32Array(o.numNodes * numFeatures);
    for (let i = 0; i < o.numNodes; i++) {
      for (let f = 0; f < numFeatures; f++) x[i * numFeatures + f] = signal * means[block[i]! * numFeatures + f]! + noise * rng.normal();
    }
    layout.set(type, { numNodes: o.numNodes, starts, perm });
    nodes[type] = { numNodes: o.numNodes, numFeatures, x, block };
  }

  const edges = relations.map(({ type, pIn, pOut, shift = 0 }, r) => {
    const [src, , dst] = type;
    const s = layout.get(src);
    const d = layout.get(dst);
    if (s === undefined || d === undefined) {
      throw new DatasetError(`relations[${r}] '${type.join('__')}' refers to node type '${s === undefined ? src : dst}', which is not among the node types`);
    }
    checkProbability(pIn, `relations[${r}].pIn`);
    checkProbability(pOut, `relations[${r}].pOut`);
    if (!Number.isInteger(shift)) throw new DatasetError(`relations[${r}].shift must be an integer, got ${shift}`);
    const list = new EdgeList();
    for (let a = 0; a < numClasses; a++) {
      for (let b = 0; b < numClasses; b++) {
        const rows = s.starts[a + 1]! - s.starts[a]!;
        const cols = d.starts[b + 1]! - d.starts[b]!;
        const p = b === (((a + shift) % numClasses) + numClasses) % numClasses ? pIn : pOut;
        // No self-loops in a relation between nodes of one type (same block: the diagonal).
        const skipDiagonal = src === dst && a === b;
        sampleGridCells(rows, cols, p, rng, (u, v) => list.push(s.perm[s.starts[a]! + u]!, d.perm[d.starts[b]! + v]!), skipDiagonal);
      }
    }
    return { type, edgeIndex: list.toEdgeIndex() };
  });

  const y = nodes[target]!.block;
  const sizes = Array.from({ length: numClasses }, (_, c) => y.filter((v) => v === c).length);
  const numTrainPerClass = options.numTrainPerClass ?? Math.max(1, Math.min(20, Math.floor(Math.min(...sizes) / 5)));
  const numTrain = sizes.reduce((sum, size) => sum + Math.min(size, numTrainPerClass), 0);
  const masks = perClassSplit(y, numClasses, { numTrainPerClass, numVal: Math.floor((y.length - numTrain) / 2), numTest: 'rest' }, rng);
  return { numClasses, target, nodes, edges, y, ...masks };
}

/**
 * A heterogeneous stochastic block model with planted, type-dependent
 * signal: every node of every type belongs to one of `numClasses` blocks
 * (hidden by a random numbering); a relation links a source of block `b` to
 * a destination of block `(b + shift) mod C` with probability `pIn`, any
 * other pair with `pOut`; features are `signal · mean_{type, block} +
 * noise · N(0, 1)`. The target type's block is its class `y`, with train,
 * validation and test masks (`numTrainPerClass` per class, the rest split
 * evenly). With the defaults the target's own features are noise, so only
 * a model that reads its neighbours — merchants of its class, devices of
 * the next block — can classify it: a graph-free MLP stays at chance.
 * Sampling is O(N + E); the relations are directed (apply
 * `HeteroToUndirected` to add PyG's `rev_` relations).
 *
 * @example
 * ```ts
 * const directed = heteroStochasticBlockModel({ seed: 1 });
 * const g = new HeteroToUndirected().apply(directed); // adds merchant rev_pays account, device rev_uses account
 * directed.dispose();
 * g.node('account').y; // [300] classes 0..2
 * ```
 */
export function heteroStochasticBlockModel(options: HeteroStochasticBlockModelOptions = {}): HeteroGraph {
  const data = heteroStochasticBlockModelData(options);
  return HeteroGraph.fromArrays({
    nodes: Object.fromEntries(
      Object.entries(data.nodes).map(([type, n]) => [
        type,
        {
          x: n.x,
          xShape: [n.numNodes, n.numFeatures] as const,
          ...(type === data.target
            ? { y: data.y, numClasses: data.numClasses, trainMask: data.trainMask, valMask: data.valMask, testMask: data.testMask }
            : {}),
        },
      ]),
    ),
    edges: data.edges.map(({ type, edgeIndex }) => ({ type, edgeIndex })),
  });
}
