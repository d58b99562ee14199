import * as tf from '@tensorflow/tfjs-core';
import { edgeTypeKey, toEdgeType, type EdgeType, type EdgeTypeLike, type FeatureStore, type GraphStore, type TimeAttr } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import { assembleGraph, assembleHeteroGraph } from '../loader/assemble.js';
import { resolveSeed, resolveStores, type BatchOf, type LoaderData, type NodeTypeOf } from '../loader/data.js';
import type { LinkTargets, SampledGraph, SampledHeteroGraph } from '../loader/sampled_graph.js';
import type { SampleOutput, SamplerGraph, SubgraphType, TemporalStrategy } from '../sampler/neighbor_sample.js';
import { SampleRunner, samplesInWorkers, type PlannedSample, type WorkerOptions } from '../loader/runner.js';
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
import { readPairs } from './negative_sampling.js';

/** PyG's `NegativeSampling`: `'binary'` (random node pairs, label 0) or `'triplet'` (random destinations per positive), `amount` per positive. */
export type NegativeSamplingConfig = 'binary' | 'triplet' | { mode: 'binary' | 'triplet'; amount?: number };

/** Label edges: `[2, L]` pairs (homogeneous), or `[edgeType, pairs?]` / an edge type (heterogeneous; all its edges when pairs are left out). */
export type EdgeLabelIndex<N extends string> =
  | tf.Tensor2D
  | readonly [ArrayLike<number>, ArrayLike<number>]
  | EdgeTypeLike<N>
  | readonly [EdgeTypeLike<N>, (tf.Tensor2D | readonly [ArrayLike<number>, ArrayLike<number>])?];

/** Options of {@link LinkNeighborLoader}: {@link NeighborLoaderOptions}' sampling options, label edges instead of seed nodes. */
export interface LinkNeighborLoaderOptions<N extends string = string> extends WorkerOptions {
  numNeighbors: NumNeighbors;
  /** The edges to predict; default every edge (of the only edge type). */
  edgeLabelIndex?: EdgeLabelIndex<N> | undefined;
  /** Their labels (default: none, or 1 when negatives are sampled). */
  edgeLabel?: tf.Tensor1D | ArrayLike<number> | undefined;
  /** Temporal sampling: each label edge's time (neighbours and negatives not after it). Required with `timeAttr`. */
  edgeLabelTime?: ArrayLike<number> | undefined;
  negSampling?: NegativeSamplingConfig | undefined;
  batchSize?: number | undefined;
  shuffle?: boolean | undefined;
  dropLast?: boolean | undefined;
  replace?: boolean | undefined;
  disjoint?: boolean | undefined;
  subgraphType?: SubgraphType | undefined;
  timeAttr?: TimeAttr | undefined;
  temporalStrategy?: TemporalStrategy | undefined;
  staticNodeTypes?: readonly N[] | undefined;
  seed?: number | undefined;
  /** As `NeighborLoader`'s: each batch is disposed when the next one is requested. Default true. */
  autoDispose?: boolean | undefined;
}

/**
 * PyG's `LinkNeighborLoader`: mini-batches of label edges (plus sampled
 * negatives) with the sampled neighbourhoods of their end nodes. Homogeneous
 * batches are `SampledLinkGraph`s with `edgeLabelIndex`/`edgeLabel` (binary) or
 * `srcIndex`/`dstPosIndex`/`dstNegIndex` (triplet) in local node ids;
 * heterogeneous ones carry them in `batch.link`. Without `disjoint`, the end
 * nodes are deduplicated and sorted, as PyG's `unique`; `batchSize` is the
 * number of label edges (positives and binary negatives).
 *
 * @example
 * ```ts
 * const loader = new LinkNeighborLoader(train.graph, {
 *   numNeighbors: [10, 5], edgeLabelIndex: train.edgeLabelIndex, edgeLabel: train.edgeLabel,
 *   negSampling: { mode: 'binary', amount: 1 }, batchSize: 256, shuffle: true, seed: 0,
 * });
 * for await (const batch of loader) {
 *   const h = encoder.forward(batch.x!, batch.edgeIndex);
 *   const score = decode(h, batch.edgeLabelIndex!); // one logit per label edge, batch.edgeLabel the targets
 * }
 * ```
 */
export class LinkNeighborLoader<D extends object = LoaderData, N extends string = NodeTypeOf<D>> implements AsyncIterable<BatchOf<D>> {
  readonly graphStore: GraphStore<N>;
  readonly featureStore: FeatureStore;
  /** The label edges' type. */
  readonly edgeType: EdgeType<N>;
  readonly batchSize: number;
  readonly seed: number;
  readonly #graph: SamplerGraph;
  readonly #numNeighbors: number[][];
  readonly #src: Int32Array;
  readonly #dst: Int32Array;
  readonly #label: Float32Array | undefined;
  readonly #time: Float64Array | undefined;
  readonly #neg: { mode: 'binary' | 'triplet'; amount: number } | undefined;
  readonly #options: { shuffle: boolean; dropLast: boolean; replace: boolean; disjoint: boolean; subgraphType: SubgraphType; temporalStrategy: TemporalStrategy; autoDispose: boolean };
  readonly #runner: SampleRunner;
  #epoch = 0;

  constructor(data: D & LoaderData<NodeTypeOf<D>>, options: LinkNeighborLoaderOptions<NoInfer<N>>) {
    if (options === null || typeof options !== 'object') throw new SamplingError('options', 'expected loader options with numNeighbors');
    const { graphStore, featureStore } = resolveStores<N>(data as unknown as LoaderData<N>, options.timeAttr, options.staticNodeTypes, samplesInWorkers(options));
    this.graphStore = graphStore;
    this.featureStore = featureStore;
    this.#graph = samplerGraph(graphStore);
    this.#numNeighbors = resolveNumNeighbors(options.numNeighbors, graphStore);
    const subgraphType = checkSubgraphType(options.subgraphType);
    const temporal = options.timeAttr !== undefined;
    checkCombination(subgraphType, options.disjoint ?? false, temporal);
    this.batchSize = checkPositiveInt(options.batchSize, 'batchSize', 1);
    this.seed = resolveSeed(options.seed);
    const { type, src, dst } = resolveLabelEdges(graphStore, options.edgeLabelIndex);
    this.edgeType = type;
    this.#src = src;
    this.#dst = dst;
    this.#label = readVector(options.edgeLabel, src.length, 'edgeLabel');
    const time = readVector(options.edgeLabelTime, src.length, 'edgeLabelTime');
    if (temporal && time === undefined) throw new SamplingError('edgeLabelTime', 'temporal link sampling needs the time of each label edge');
    if (!temporal && time !== undefined) throw new SamplingError('edgeLabelTime', "is set but timeAttr is not (PyG's rule): set timeAttr for temporal sampling");
    this.#time = time === undefined ? undefined : Float64Array.from(time);
    this.#neg = readNegSampling(options.negSampling);
    if (this.#neg?.mode === 'triplet' && this.#label !== undefined) throw new SamplingError('edgeLabel', "triplet negative sampling takes no edge labels (PyG's rule)");
    this.#options = {
      shuffle: options.shuffle ?? false,
      dropLast: options.dropLast ?? false,
      replace: options.replace ?? false,
      disjoint: (options.disjoint ?? false) || temporal,
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
    const n = this.#src.length;
    return this.#options.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Positions (into the label edges) of each batch of `epoch`. */
  batchPositions(epoch: number): Int32Array[] {
    const n = this.#src.length;
    const order = this.#options.shuffle ? new Random(hashSeed(this.seed, STREAM.shuffle, epoch)).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    return Array.from({ length: this.length }, (_, b) => order.subarray(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize)));
  }

  /** The batch of the label edges at `positions` (what iteration yields); the caller owns it. */
  async batch(positions: Int32Array, epoch = 0, batch = 0): Promise<BatchOf<D>> {
    const { request, context } = this.#plan(positions, epoch, batch);
    return this.#assemble(this.#runner.sampleHere(request), context);
  }

  async #assemble(sampled: SampleOutput, context: LinkContext): Promise<BatchOf<D>> {
    const { out, targets, seedTime, batchSize } = this.#finish(sampled, context);
    const positions = context.positions;
    const link = toTensors(targets);
    try {
      const seeds = { inputType: this.#graph.nodeTypes.indexOf(this.edgeType[0]), batchSize, inputId: Int32Array.from(positions), seedTime };
      const graph =
        this.graphStore.kind === 'homogeneous'
          ? await assembleGraph(this.#graph, out, this.featureStore, seeds, link)
          : await assembleHeteroGraph<N>(this.#graph, out, this.featureStore, seeds, link);
      return graph as BatchOf<D>;
    } catch (error) {
      tf.dispose(Object.values(link).filter((t): t is tf.Tensor => t !== undefined));
      throw error;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<BatchOf<D>, void, undefined> {
    const epoch = this.#epoch++;
    const plan = this.batchPositions(epoch);
    for await (const { out, context } of this.#runner.run(plan.length, (b) => this.#plan(plan[b]!, epoch, b))) {
      const batch = await this.#assemble(out, context);
      try {
        yield batch;
      } finally {
        if (this.#options.autoDispose) (batch as SampledGraph | SampledHeteroGraph<N>).dispose();
      }
    }
  }

  /** PyG's `edge_sample`, up to the sampler's call: negatives, then the seeds (unique or disjoint). */
  #plan(positions: Int32Array, epoch: number, batch: number): PlannedSample<LinkContext> {
    const random = new Random(hashSeed(this.seed, STREAM.negatives, epoch, batch));
    const numPos = positions.length;
    let src = Array.from(positions, (p) => this.#src[p]!);
    let dst = Array.from(positions, (p) => this.#dst[p]!);
    const posTime = this.#time === undefined ? undefined : Array.from(positions, (p) => this.#time![p]!);
    let label = this.#label === undefined ? undefined : Array.from(positions, (p) => this.#label![p]!);
    let srcTime = posTime;
    let dstTime = posTime;
    const [srcType, , dstType] = this.edgeType;
    const neg = this.#neg;
    let numNeg = 0;
    if (neg !== undefined) {
      numNeg = Math.ceil(numPos * neg.amount);
      const draw = (type: N, times: number[] | undefined): number[] => negatives(random, this.graphStore.numNodes(type), times, this.graphStore.nodeTime(type), numNeg);
      if (neg.mode === 'binary') {
        src = [...src, ...draw(srcType, posTime)];
        dst = [...dst, ...draw(dstType, posTime)];
        label = [...(label ?? src.slice(0, numPos).map(() => 1)), ...Array.from({ length: numNeg }, () => 0)];
        if (posTime !== undefined) srcTime = dstTime = repeatTo(posTime, numPos + numNeg);
      } else {
        dst = [...dst, ...draw(dstType, posTime)];
        if (posTime !== undefined) dstTime = repeatTo(posTime, numPos + numNeg);
      }
    }
    const disjoint = this.#options.disjoint;
    const sameType = srcType === dstType;
    const typeIndex = (t: string): number => this.#graph.nodeTypes.indexOf(t);
    const seeds = this.#graph.nodeTypes.map(() => new Int32Array(0));
    const seedTimes: (Float64Array | undefined)[] = this.#graph.nodeTypes.map(() => undefined);
    let inverseSrc: number[];
    let inverseDst: number[];
    if (sameType) {
      const all = [...src, ...dst];
      const { unique, inverse } = disjoint ? { unique: all, inverse: all.map((_, i) => i) } : uniqueSorted(all);
      seeds[typeIndex(srcType)] = Int32Array.from(unique);
      if (srcTime !== undefined) seedTimes[typeIndex(srcType)] = Float64Array.from([...srcTime, ...dstTime!]);
      inverseSrc = inverse.slice(0, src.length);
      inverseDst = inverse.slice(src.length);
    } else {
      const s = disjoint ? { unique: src, inverse: src.map((_, i) => i) } : uniqueSorted(src);
      const d = disjoint ? { unique: dst, inverse: dst.map((_, i) => i) } : uniqueSorted(dst);
      seeds[typeIndex(srcType)] = Int32Array.from(s.unique);
      seeds[typeIndex(dstType)] = Int32Array.from(d.unique);
      if (srcTime !== undefined) {
        seedTimes[typeIndex(srcType)] = Float64Array.from(srcTime);
        seedTimes[typeIndex(dstType)] = Float64Array.from(dstTime!);
      }
      inverseSrc = s.inverse;
      inverseDst = d.inverse;
    }
    return {
      request: {
        seeds,
        seedTime: srcTime === undefined ? undefined : seedTimes,
        numNeighbors: this.#numNeighbors,
        replace: this.#options.replace,
        disjoint,
        temporalStrategy: this.#options.temporalStrategy,
        subgraphType: this.#options.subgraphType,
        randomSeed: batchSeed(this.seed, epoch, batch),
      },
      context: { positions, numPos, numNeg, inverseSrc, inverseDst, label, posTime, srcTime },
    };
  }

  /** PyG's `edge_sample`, after the sampler: the disjoint batch vector by positive, label indices. */
  #finish(sampled: SampleOutput, context: LinkContext): { out: SampleOutput; targets: HostTargets; seedTime: Float64Array | undefined; batchSize: number } {
    const { numPos, numNeg, inverseSrc, inverseDst, label, posTime, srcTime } = context;
    const neg = this.#neg;
    let out = sampled;
    if (out.batch !== undefined) out = { ...out, batch: out.batch.map((b) => b.map((v) => v % numPos)) };
    const targets: HostTargets = {};
    if (neg?.mode === 'triplet') {
      targets.srcIndex = inverseSrc.slice(0, numPos);
      targets.dstPosIndex = inverseDst.slice(0, numPos);
      // Negative j of positive i is draw j·P + i (PyG's `view(-1, P).t()`): in disjoint mode it lies in positive i's subgraph.
      const amount = neg.amount;
      targets.dstNeg = { values: Array.from({ length: numPos * amount }, (_, k) => inverseDst[numPos + (k % amount) * numPos + Math.floor(k / amount)]!), cols: amount };
      return { out, targets, seedTime: posTime === undefined ? undefined : Float64Array.from(posTime), batchSize: numPos };
    }
    targets.edgeLabelIndex = [inverseSrc, inverseDst];
    if (label !== undefined) targets.edgeLabel = label;
    return { out, targets, seedTime: srcTime === undefined ? undefined : Float64Array.from(srcTime), batchSize: numPos + numNeg };
  }
}

/** What a link batch needs between planning and sampling's end. */
interface LinkContext {
  positions: Int32Array;
  numPos: number;
  numNeg: number;
  inverseSrc: number[];
  inverseDst: number[];
  label: number[] | undefined;
  posTime: number[] | undefined;
  srcTime: number[] | undefined;
}

/** Label targets on the host, before they become tensors. */
interface HostTargets {
  edgeLabelIndex?: [number[], number[]];
  edgeLabel?: number[];
  srcIndex?: number[];
  dstPosIndex?: number[];
  dstNeg?: { values: number[]; cols: number };
}

function toTensors(t: HostTargets): LinkTargets {
  const link = {
    edgeLabelIndex: t.edgeLabelIndex === undefined ? undefined : tf.tensor2d([...t.edgeLabelIndex[0], ...t.edgeLabelIndex[1]], [2, t.edgeLabelIndex[0].length], 'int32'),
    edgeLabel: t.edgeLabel === undefined ? undefined : tf.tensor1d(t.edgeLabel, 'float32'),
    srcIndex: t.srcIndex === undefined ? undefined : tf.tensor1d(t.srcIndex, 'int32'),
    dstPosIndex: t.dstPosIndex === undefined ? undefined : tf.tensor1d(t.dstPosIndex, 'int32'),
    dstNegIndex:
      t.dstNeg === undefined
        ? undefined
        : t.dstNeg.cols === 1
          ? tf.tensor1d(t.dstNeg.values, 'int32')
          : tf.tensor2d(t.dstNeg.values, [t.dstNeg.values.length / t.dstNeg.cols, t.dstNeg.cols], 'int32'),
  };
  return link;
}

/** torch.unique(sorted=True, return_inverse=True). */
function uniqueSorted(values: number[]): { unique: number[]; inverse: number[] } {
  const unique = [...new Set(values)].sort((a, b) => a - b);
  const position = new Map(unique.map((v, i) => [v, i]));
  return { unique, inverse: values.map((v) => position.get(v)!) };
}

function repeatTo(values: number[], n: number): number[] {
  return Array.from({ length: n }, (_, i) => values[i % values.length]!);
}

/**
 * `count` uniform nodes of `[0, numNodes)` (PyG's `neg_sample`); with times,
 * a node must not be newer than its positive's time: invalid draws are redrawn
 * up to five times, then replaced by the oldest node, as PyG does.
 */
function negatives(
  random: Random,
  numNodes: number,
  seedTime: number[] | undefined,
  nodeTime: ArrayLike<number> | undefined,
  count: number,
): number[] {
  const out = Array.from({ length: count }, () => random.int(0, numNodes));
  if (seedTime === undefined || nodeTime === undefined) return out;
  let oldest = 0;
  for (let v = 1; v < numNodes; v++) if (nodeTime[v]! < nodeTime[oldest]!) oldest = v;
  return out.map((v, i) => {
    const limit = seedTime[i % seedTime.length]!;
    let node = v;
    for (let attempt = 0; attempt < 5 && nodeTime[node]! > limit; attempt++) node = random.int(0, numNodes);
    return nodeTime[node]! > limit ? oldest : node;
  });
}

function readNegSampling(config: NegativeSamplingConfig | undefined): { mode: 'binary' | 'triplet'; amount: number } | undefined {
  if (config === undefined) return undefined;
  const { mode, amount = 1 } = typeof config === 'string' ? { mode: config } : config;
  if (mode !== 'binary' && mode !== 'triplet') throw new SamplingError('negSampling.mode', `expected 'binary' or 'triplet', got ${JSON.stringify(mode)}`);
  if (!(typeof amount === 'number' && amount > 0)) throw new SamplingError('negSampling.amount', `must be positive, got ${String(amount)}`);
  if (mode === 'triplet' && !Number.isInteger(amount)) throw new SamplingError('negSampling.amount', `must be an integer for 'triplet' negative sampling, got ${amount}`);
  return { mode, amount };
}

function readVector(values: tf.Tensor1D | ArrayLike<number> | undefined, n: number, field: string): Float32Array | undefined {
  if (values === undefined) return undefined;
  const data = values instanceof tf.Tensor ? values.dataSync() : values;
  if (data.length !== n) throw new SamplingError(field, `has ${data.length} entries for ${n} label edges`);
  const out = Float32Array.from(data as ArrayLike<number>);
  out.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new SamplingError(field, `entry ${i} is ${v}`);
  });
  return out;
}

function resolveLabelEdges<N extends string>(store: GraphStore<N>, input: EdgeLabelIndex<N> | undefined): { type: EdgeType<N>; src: Int32Array; dst: Int32Array } {
  let type: EdgeType<N>;
  let pairs: tf.Tensor2D | readonly [ArrayLike<number>, ArrayLike<number>] | undefined;
  if (store.kind === 'homogeneous') {
    type = store.edgeTypes[0]!;
    pairs = input as tf.Tensor2D | readonly [ArrayLike<number>, ArrayLike<number>] | undefined;
  } else {
    const known = store.edgeTypes.map((t) => `'${edgeTypeKey(t)}'`).join(', ');
    if (input === undefined) throw new SamplingError('edgeLabelIndex', `a heterogeneous graph needs the label edges' type: [edgeType, pairs?] (edge types: ${known})`);
    const isTuple = Array.isArray(input) && input.length === 2 && (typeof input[0] === 'string' || (Array.isArray(input[0]) && input[0].length === 3 && typeof input[0][0] === 'string'));
    const typeArg = (isTuple ? input[0] : input) as EdgeTypeLike<N>;
    pairs = isTuple ? (input[1] as typeof pairs) : undefined;
    type = toEdgeType(typeArg);
    if (!store.edgeTypes.some((t) => edgeTypeKey(t) === edgeTypeKey(type))) {
      throw new SamplingError('edgeLabelIndex', `'${edgeTypeKey(type)}' is not an edge type of the graph (edge types: ${known})`);
    }
  }
  if (pairs === undefined) {
    const { colptr, row } = store.csc(type);
    const src = new Int32Array(row.length);
    const dst = new Int32Array(row.length);
    const edgeId = store.csc(type).edgeId;
    for (let v = 0; v + 1 < colptr.length; v++) {
      for (let k = colptr[v]!; k < colptr[v + 1]!; k++) {
        src[edgeId[k]!] = row[k]!;
        dst[edgeId[k]!] = v;
      }
    }
    return { type, src, dst };
  }
  const [src, dst] = readPairs(pairs, 'edgeLabelIndex');
  const numSrc = store.numNodes(type[0]);
  const numDst = store.numNodes(type[2]);
  src.forEach((v, i) => {
    if (v >= numSrc) throw new SamplingError('edgeLabelIndex', `source ${v} of label edge ${i} is outside [0, ${numSrc})`);
  });
  dst.forEach((v, i) => {
    if (v >= numDst) throw new SamplingError('edgeLabelIndex', `destination ${v} of label edge ${i} is outside [0, ${numDst})`);
  });
  return { type, src, dst };
}
