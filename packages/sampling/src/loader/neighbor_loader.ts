import type { FeatureStore, GraphStore, TimeAttr } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import type { SampleOutput, SampleRequest, SamplerGraph, SubgraphType, TemporalStrategy } from '../sampler/neighbor_sample.js';
import {
  checkCombination,
  checkPositiveInt,
  checkSubgraphType,
  checkTemporalStrategy,
  resolveNumNeighbors,
  samplerGraph,
  type NumNeighbors,
} from '../sampler/options.js';
import { batchSeed, hashSeed, Random, STREAM } from '../sampler/random.js';
import { assembleGraph, assembleHeteroGraph } from './assemble.js';
import { readNodeSelection, resolveSeed, resolveStores, type BatchOf, type LoaderData, type NodeSelection, type NodeTypeOf } from './data.js';
import { SampleRunner, samplesInWorkers, type WorkerOptions } from './runner.js';
import type { SampledGraph, SampledHeteroGraph } from './sampled_graph.js';

/** Seeds of a heterogeneous loader: a node type (all its nodes), or the type and ids or a mask (PyG's `('paper', mask)`). */
export type HeteroInputNodes<N extends string> = N | readonly [N, NodeSelection];

/** Options of {@link NeighborLoader}; defaults are PyG's. */
export interface NeighborLoaderOptions<N extends string = string> extends WorkerOptions {
  /** Fan-outs per hop (−1: all), one list, or one per edge type `'src__rel__dst'`. */
  numNeighbors: NumNeighbors;
  /** The seeds: ids or a bool mask (homogeneous; default all nodes), or `type` / `[type, ids or mask]`. */
  inputNodes?: NodeSelection | HeteroInputNodes<N> | undefined;
  /** Temporal sampling: each seed's time, overriding its node time. */
  inputTime?: ArrayLike<number> | undefined;
  /** Seeds per batch. Default 1. */
  batchSize?: number | undefined;
  /** Reorder the seeds every epoch. Default false. */
  shuffle?: boolean | undefined;
  /** Leave out the last batch when it has fewer than `batchSize` seeds. Default false. */
  dropLast?: boolean | undefined;
  /** Sample with replacement. Default false. */
  replace?: boolean | undefined;
  /** Every seed gets its own subgraph (nodes repeat; `batch` says whose). Default false; on for temporal sampling. */
  disjoint?: boolean | undefined;
  /** `'directional'` (the sampled edges), `'bidirectional'` (and their reverses) or `'induced'` (every edge among the sampled nodes). */
  subgraphType?: SubgraphType | undefined;
  /** Temporal sampling: only in-edges whose time (`'time'`: the source node's; `'edgeTime'`: the edge's) is ≤ the seed's. */
  timeAttr?: TimeAttr | undefined;
  /** Among eligible in-edges, draw uniformly (`'uniform'`) or take the most recent (`'last'`). */
  temporalStrategy?: TemporalStrategy | undefined;
  /** With a `HeteroGraph` and `timeAttr: 'time'`: node types without times, always eligible. */
  staticNodeTypes?: readonly N[] | undefined;
  /** Seed of the shuffles and draws: the same seed gives the same batches. Default: from `manualSeed`, else random. */
  seed?: number | undefined;
  /**
   * Dispose each batch when the next one is requested (and the last when
   * iteration ends). Default true: a batch is valid until the consumer moves
   * on. Set false to keep batches; then the consumer disposes each one.
   */
  autoDispose?: boolean | undefined;
}


/**
 * PyG's `NeighborLoader`: mini-batches of seed nodes with their sampled
 * `numNeighbors`-hop neighbourhoods (GraphSAGE sampling), as async-iterable
 * `SampledGraph`s (or `SampledHeteroGraph`s) whose first `batchSize` nodes are
 * the seeds. Every epoch (each `for await`) reshuffles when `shuffle`; batch
 * `b` of epoch `e` is sampled from its own random stream `(seed, e, b)`, so it
 * does not depend on the order or the thread batches are made in.
 *
 * @example
 * ```ts
 * const loader = new NeighborLoader(cora, { numNeighbors: [10, 5], batchSize: 128, inputNodes: cora.trainMask, shuffle: true, seed: 0 });
 * for await (const batch of loader) {
 *   const out = model.forward(batch.x!, batch.edgeIndex);
 *   const seeds = tf.slice(out, 0, batch.batchSize); // predictions for the seed nodes
 * } // each batch is disposed when the next is requested
 * ```
 */
export class NeighborLoader<D extends object = LoaderData, N extends string = NodeTypeOf<D>> implements AsyncIterable<BatchOf<D>> {
  readonly graphStore: GraphStore<N>;
  readonly featureStore: FeatureStore;
  /** Node type of the seeds (`'node'` for homogeneous graphs). */
  readonly inputType: N;
  /** The seeds, in input order. */
  readonly inputNodes: Int32Array;
  readonly batchSize: number;
  readonly seed: number;
  readonly #graph: SamplerGraph;
  readonly #numNeighbors: number[][];
  readonly #inputTime: Float64Array | undefined;
  readonly #options: { shuffle: boolean; dropLast: boolean; replace: boolean; disjoint: boolean; subgraphType: SubgraphType; temporalStrategy: TemporalStrategy; autoDispose: boolean };
  readonly #runner: SampleRunner;
  #epoch = 0;

  constructor(data: D & LoaderData<NodeTypeOf<D>>, options: NeighborLoaderOptions<NoInfer<N>>) {
    if (options === null || typeof options !== 'object') throw new SamplingError('options', 'expected loader options with numNeighbors');
    const { graphStore, featureStore } = resolveStores<N>(data as unknown as LoaderData<N>, options.timeAttr, options.staticNodeTypes, samplesInWorkers(options));
    this.graphStore = graphStore;
    this.featureStore = featureStore;
    this.#graph = samplerGraph(graphStore);
    this.#numNeighbors = resolveNumNeighbors(options.numNeighbors, graphStore);
    const subgraphType = checkSubgraphType(options.subgraphType);
    const temporal = options.timeAttr !== undefined;
    if (!temporal && options.inputTime !== undefined) throw new SamplingError('inputTime', "is set but timeAttr is not (PyG's rule): set timeAttr for temporal sampling");
    checkCombination(subgraphType, options.disjoint ?? false, temporal);
    this.batchSize = checkPositiveInt(options.batchSize, 'batchSize', 1);
    this.seed = resolveSeed(options.seed);
    const { type, nodes } = resolveInputNodes(graphStore, options.inputNodes);
    this.inputType = type;
    this.inputNodes = nodes;
    this.#inputTime = temporal ? seedTimes(graphStore, type, nodes, options.inputTime) : undefined;
    this.#options = {
      shuffle: options.shuffle ?? false,
      dropLast: options.dropLast ?? false,
      replace: options.replace ?? false,
      disjoint: options.disjoint ?? false,
      subgraphType,
      temporalStrategy: checkTemporalStrategy(options.temporalStrategy),
      autoDispose: options.autoDispose ?? true,
    };
    this.#runner = new SampleRunner(this.#graph, { bidirectional: subgraphType === 'bidirectional', homogeneous: graphStore.kind === 'homogeneous' }, options);
  }

  /** Worker threads sampling each epoch (0: the calling thread samples). */
  get numWorkers(): number {
    return this.#runner.numWorkers;
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.inputNodes.length;
    return this.#options.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Positions (into `inputNodes`) of the seeds of each batch of `epoch`. */
  batchPositions(epoch: number): Int32Array[] {
    const n = this.inputNodes.length;
    const order = this.#options.shuffle ? new Random(hashSeed(this.seed, STREAM.shuffle, epoch)).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    return Array.from({ length: this.length }, (_, b) => order.subarray(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize)));
  }

  /**
   * Samples the subgraph of the seeds at `positions` of `inputNodes` with the
   * random stream of `(seed, epoch, batch)`, in this thread: host arrays only,
   * no tensor. A worker gives the same output for the same arguments.
   */
  sample(positions: Int32Array, epoch: number, batch: number): SampleOutput {
    return this.#runner.sampleHere(this.#request(positions, epoch, batch));
  }

  /** The batch of the seeds at `positions` (what iteration yields), features fetched; the caller owns it. */
  async batch(positions: Int32Array, epoch = 0, batch = 0): Promise<BatchOf<D>> {
    return this.#assemble(positions, this.sample(positions, epoch, batch));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<BatchOf<D>, void, undefined> {
    const epoch = this.#epoch++;
    const plan = this.batchPositions(epoch);
    const sampled = this.#runner.run(plan.length, (b) => ({ request: this.#request(plan[b]!, epoch, b), context: plan[b]! }));
    for await (const { out, context: positions } of sampled) {
      const batch = await this.#assemble(positions, out);
      try {
        yield batch;
      } finally {
        if (this.#options.autoDispose) (batch as SampledGraph | SampledHeteroGraph<N>).dispose();
      }
    }
  }

  #request(positions: Int32Array, epoch: number, batch: number): SampleRequest {
    const t = this.graphStore.nodeTypes.indexOf(this.inputType);
    const seeds = this.#graph.nodeTypes.map((_, i) => (i === t ? gather(this.inputNodes, positions) : new Int32Array(0)));
    const time = this.#inputTime === undefined ? undefined : Float64Array.from(positions, (p) => this.#inputTime![p]!);
    return {
      seeds,
      seedTime: time === undefined ? undefined : this.#graph.nodeTypes.map((_, i) => (i === t ? time : undefined)),
      numNeighbors: this.#numNeighbors,
      replace: this.#options.replace,
      disjoint: this.#options.disjoint,
      temporalStrategy: this.#options.temporalStrategy,
      subgraphType: this.#options.subgraphType,
      randomSeed: batchSeed(this.seed, epoch, batch),
    };
  }

  async #assemble(positions: Int32Array, out: SampleOutput): Promise<BatchOf<D>> {
    const seeds = {
      inputType: this.graphStore.nodeTypes.indexOf(this.inputType),
      batchSize: positions.length,
      inputId: Int32Array.from(positions),
      seedTime: this.#inputTime === undefined ? undefined : Float64Array.from(positions, (p) => this.#inputTime![p]!),
    };
    const graph = this.graphStore.kind === 'homogeneous' ? await assembleGraph(this.#graph, out, this.featureStore, seeds) : await assembleHeteroGraph<N>(this.#graph, out, this.featureStore, seeds);
    return graph as BatchOf<D>;
  }

  toString(): string {
    return `NeighborLoader(numNeighbors=${JSON.stringify(this.#numNeighbors[0] ?? [])}${this.#graph.edgeTypes.length > 1 ? ` x ${this.#graph.edgeTypes.length} edge types` : ''}, batchSize=${this.batchSize}, batches=${this.length})`;
  }
}

function gather(values: Int32Array, positions: Int32Array): Int32Array {
  return Int32Array.from(positions, (p) => values[p]!);
}

function resolveInputNodes<N extends string>(store: GraphStore<N>, input: NodeSelection | HeteroInputNodes<N> | undefined): { type: N; nodes: Int32Array } {
  if (store.kind === 'homogeneous') {
    const type = store.nodeTypes[0]!;
    const n = store.numNodes(type);
    if (input === undefined) return { type, nodes: Int32Array.from({ length: n }, (_, i) => i) };
    if (typeof input === 'string' || (Array.isArray(input) && typeof input[0] === 'string')) {
      throw new SamplingError('inputNodes', 'a homogeneous graph takes node ids or a bool mask, not a node type');
    }
    return { type, nodes: readNodeSelection(input as NodeSelection, n, 'inputNodes') };
  }
  const known = store.nodeTypes.map((t) => `'${t}'`).join(', ');
  if (input === undefined) throw new SamplingError('inputNodes', `a heterogeneous graph needs the seeds' node type: 'type' or ['type', ids or mask] (node types: ${known})`);
  const [type, selection] = typeof input === 'string' ? [input, undefined] : Array.isArray(input) && typeof input[0] === 'string' ? (input as unknown as readonly [N, NodeSelection]) : [undefined, undefined];
  if (type === undefined || !store.nodeTypes.includes(type as N)) {
    throw new SamplingError('inputNodes', `expected 'type' or ['type', ids or mask] with a node type of the graph (${known}), got ${describe(input)}`);
  }
  const n = store.numNodes(type as N);
  const nodes = selection === undefined ? Int32Array.from({ length: n }, (_, i) => i) : readNodeSelection(selection, n, `inputNodes['${type}']`);
  return { type: type as N, nodes };
}

function seedTimes<N extends string>(store: GraphStore<N>, type: N, nodes: Int32Array, inputTime: ArrayLike<number> | undefined): Float64Array {
  if (inputTime !== undefined) {
    if (inputTime.length !== nodes.length) throw new SamplingError('inputTime', `has ${inputTime.length} entries for ${nodes.length} input nodes`);
    const out = Float64Array.from(inputTime);
    out.forEach((t, i) => {
      if (!Number.isFinite(t)) throw new SamplingError('inputTime', `entry ${i} is ${t}, not a finite time`);
    });
    return out;
  }
  const time = store.nodeTime(type);
  if (time === undefined) {
    throw new SamplingError('inputTime', `temporal sampling needs the seeds' times, but node type '${type}' has none in the graph store: give inputTime`);
  }
  return Float64Array.from(nodes, (v) => time[v]!);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

