/**
 * The neighbour sampler: pyg-lib's `neighbor_sample` / `hetero_neighbor_sample`
 * (and torch-sparse's induced variant) as one pure function of the graph's
 * CSC arrays, the seeds and a random seed. It touches no tensor and no global
 * state, so it can run in a worker over `SharedArrayBuffer`s and give the same
 * batch there as here.
 *
 * Semantics (pyg-lib, `csc=True`): the seeds come first, in the order given;
 * hop ℓ visits, for every edge type in order, every node that entered the
 * destination type in hop ℓ−1 (the seeds for ℓ = 0), and picks
 * `numNeighbors[type][ℓ]` of its in-edges: all of them for −1 or when the
 * node has no more (without replacement), `count` uniform draws with
 * replacement, or `count` distinct ones (Floyd's algorithm) otherwise. A
 * source node seen for the first time is appended to its type's node list;
 * every picked edge is kept, as (local source, local destination, edge id).
 * Temporal sampling keeps in-edges whose time is ≤ the seed's time
 * (`'uniform'` among them, or the `'last'` `count` of them); it is disjoint
 * (every seed grows its own tree, nodes repeat across trees).
 */
import type { CscAdjacency, EdgeType, TimeArray } from '@gnnjs/core';
import { Random } from './random.js';

/** What the sampler reads of a graph: plain arrays, indexed by type position. */
export interface SamplerGraph {
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly EdgeType[];
  /** Node count per node type. */
  readonly numNodes: readonly number[];
  /** CSC per edge type. */
  readonly csc: readonly CscAdjacency[];
  /** Positions in `nodeTypes` of each edge type's source and destination. */
  readonly srcType: readonly number[];
  readonly dstType: readonly number[];
}

export type SubgraphType = 'directional' | 'bidirectional' | 'induced';
export type TemporalStrategy = 'uniform' | 'last';

/** One sampling call. */
export interface SampleRequest {
  /** Seed node ids per node type (empty arrays for types without seeds). */
  readonly seeds: readonly Int32Array[];
  /** Temporal sampling: each seed's time, per node type (aligned with `seeds`). */
  readonly seedTime?: readonly (Float64Array | undefined)[] | undefined;
  /** Fan-outs per edge type and hop (−1: all). */
  readonly numNeighbors: readonly (readonly number[])[];
  readonly replace: boolean;
  /** Forced on when `seedTime` is given. */
  readonly disjoint: boolean;
  readonly temporalStrategy: TemporalStrategy;
  /** `'bidirectional'` is applied afterwards (see `toBidirectional`); here it samples as `'directional'`. */
  readonly subgraphType: SubgraphType;
  /** Seed of this call's random stream. */
  readonly randomSeed: number;
}

/** What the sampler returns: global node ids per type, local edges per edge type. */
export interface SampleOutput {
  /** Global ids of the sampled nodes per node type, seeds first. */
  readonly node: Int32Array[];
  /** Disjoint sampling: the seed (position among all seeds) each node belongs to. */
  readonly batch: Int32Array[] | undefined;
  /** Local source / destination of each sampled edge, per edge type. */
  readonly row: Int32Array[];
  readonly col: Int32Array[];
  /** Edge ids (positions in the edge type's `edgeIndex`), per edge type; undefined when not meaningful. */
  readonly edge: (Int32Array | undefined)[];
  /** Nodes per node type added at each hop (entry 0: the seeds). */
  readonly numSampledNodes: number[][];
  /** Edges per edge type sampled at each hop. */
  readonly numSampledEdges: number[][];
}

/** A growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(capacity, 16));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Maps global node ids of one type to local positions. Non-disjoint: a
 * reusable `Int32Array` of the type's size (−1 = unseen), reset after each
 * call by walking the nodes it saw. Disjoint: keys `(seed, node)` in a Map.
 */
class Mapper {
  readonly #dense: Int32Array | undefined;
  readonly #pairs: Map<number, number> | undefined;
  readonly #numNodes: number;
  constructor(numNodes: number, disjoint: boolean, scratch: Int32Array | undefined) {
    this.#numNodes = numNodes;
    if (disjoint) this.#pairs = new Map();
    else this.#dense = scratch ?? new Int32Array(numNodes).fill(-1);
  }
  /** Local id of `(seedIdx, node)`, or −1. */
  get(seedIdx: number, node: number): number {
    if (this.#dense !== undefined) return this.#dense[node]!;
    return this.#pairs!.get(seedIdx * this.#numNodes + node) ?? -1;
  }
  set(seedIdx: number, node: number, local: number): void {
    if (this.#dense !== undefined) this.#dense[node] = local;
    else this.#pairs!.set(seedIdx * this.#numNodes + node, local);
  }
  /** Leaves the scratch array all −1 again. */
  reset(nodes: IntList): void {
    if (this.#dense === undefined) return;
    for (let i = 0; i < nodes.length; i++) this.#dense[nodes.data[i]!] = -1;
  }
}

/**
 * Per-thread scratch arrays (one `Int32Array(N_t)` of −1 per node type), so
 * that a batch costs O(sampled) and not O(N). Keep one per graph per thread.
 */
export class SamplerScratch {
  readonly #arrays: (Int32Array | undefined)[];
  constructor(graph: SamplerGraph) {
    this.#arrays = graph.numNodes.map(() => undefined);
  }
  get(type: number, numNodes: number): Int32Array {
    let a = this.#arrays[type];
    if (a === undefined) {
      a = new Int32Array(numNodes).fill(-1);
      this.#arrays[type] = a;
    }
    return a;
  }
}

/**
 * Samples the neighbourhoods of `request.seeds` (see the module comment for
 * the semantics). Deterministic in `(graph, request)`.
 *
 * @example
 * ```ts
 * const out = sampleNeighbors(graph, { seeds: [Int32Array.of(0, 5)], numNeighbors: [[10, 5]], replace: false,
 *   disjoint: false, temporalStrategy: 'uniform', subgraphType: 'directional', randomSeed: 42 });
 * out.node[0]; // [0, 5, ...sampled neighbours]
 * ```
 */
export function sampleNeighbors(graph: SamplerGraph, request: SampleRequest, scratch?: SamplerScratch): SampleOutput {
  const numNodeTypes = graph.nodeTypes.length;
  const numEdgeTypes = graph.edgeTypes.length;
  const temporal = request.seedTime !== undefined;
  const disjoint = request.disjoint || temporal;
  const random = new Random(request.randomSeed);
  const nodes: IntList[] = [];
  const batch: IntList[] | undefined = disjoint ? [] : undefined;
  const mappers: Mapper[] = [];
  const slices: [number, number][] = [];
  const numSampledNodes: number[][] = [];
  // Seed times by global seed position (disjoint batches are numbered across types, in type order).
  const seedTimes: number[] = [];
  let seedCount = 0;
  for (let t = 0; t < numNodeTypes; t++) {
    const seeds = request.seeds[t] ?? new Int32Array(0);
    const list = new IntList(seeds.length * 4);
    const mapper = new Mapper(graph.numNodes[t]!, disjoint, disjoint ? undefined : scratch?.get(t, graph.numNodes[t]!));
    const ids = batch === undefined ? undefined : new IntList(seeds.length * 4);
    for (let i = 0; i < seeds.length; i++) {
      const v = seeds[i]!;
      const b = disjoint ? seedCount + i : 0;
      if (mapper.get(b, v) < 0) mapper.set(b, v, list.length);
      list.push(v);
      ids?.push(b);
      if (temporal) seedTimes.push(request.seedTime![t]?.[i] ?? Number.POSITIVE_INFINITY);
    }
    if (disjoint) seedCount += seeds.length;
    nodes.push(list);
    batch?.push(ids!);
    mappers.push(mapper);
    slices.push([0, list.length]);
    numSampledNodes.push([list.length]);
  }

  const directed = request.subgraphType !== 'induced';
  const rows: IntList[] = [];
  const cols: IntList[] = [];
  const edges: IntList[] = [];
  const numSampledEdges: number[][] = [];
  for (let r = 0; r < numEdgeTypes; r++) {
    rows.push(new IntList());
    cols.push(new IntList());
    edges.push(new IntList());
    numSampledEdges.push([]);
  }
  const numHops = request.numNeighbors.reduce((m, l) => Math.max(m, l.length), 0);
  const picks = new IntList();

  for (let hop = 0; hop < numHops; hop++) {
    for (let r = 0; r < numEdgeTypes; r++) {
      const count = request.numNeighbors[r]?.[hop] ?? 0;
      const src = graph.srcType[r]!;
      const dst = graph.dstType[r]!;
      const { colptr, row, edgeId, time } = graph.csc[r]!;
      const srcNodes = nodes[src]!;
      const srcBatch = batch?.[src];
      const dstNodes = nodes[dst]!;
      const dstBatch = batch?.[dst];
      const mapper = mappers[src]!;
      const [begin, end] = slices[dst]!;
      const before = rows[r]!.length;
      if (count !== 0) {
        for (let i = begin; i < end; i++) {
          const v = dstNodes.data[i]!;
          const b = dstBatch === undefined ? 0 : dstBatch.data[i]!;
          let start = colptr[v]!;
          let stop = colptr[v + 1]!;
          if (temporal && time !== undefined && stop > start) {
            stop = upperBound(time, start, stop, seedTimes[b]!);
            if (request.temporalStrategy === 'last' && count >= 0) start = Math.max(start, stop - count);
          }
          const population = stop - start;
          if (population <= 0) continue;
          picks.length = 0;
          if (count < 0 || (!request.replace && count >= population)) {
            for (let k = start; k < stop; k++) picks.push(k);
          } else if (request.replace) {
            for (let j = 0; j < count; j++) picks.push(random.int(start, stop));
          } else {
            floyd(random, population, count, start, picks);
          }
          for (let j = 0; j < picks.length; j++) {
            const k = picks.data[j]!;
            const u = row[k]!;
            let local = mapper.get(b, u);
            if (local < 0) {
              local = srcNodes.length;
              mapper.set(b, u, local);
              srcNodes.push(u);
              srcBatch?.push(b);
            }
            if (directed) {
              rows[r]!.push(local);
              cols[r]!.push(i);
              edges[r]!.push(edgeId[k]!);
            }
          }
        }
      }
      numSampledEdges[r]!.push(rows[r]!.length - before);
    }
    for (let t = 0; t < numNodeTypes; t++) {
      const prev = slices[t]![1];
      slices[t] = [prev, nodes[t]!.length];
      numSampledNodes[t]!.push(nodes[t]!.length - prev);
    }
  }

  if (!directed) inducedEdges(graph, nodes, mappers, rows, cols, edges);
  for (let t = 0; t < numNodeTypes; t++) mappers[t]!.reset(nodes[t]!);
  return {
    node: nodes.map((l) => l.toArray()),
    batch: batch?.map((l) => l.toArray()),
    row: rows.map((l) => l.toArray()),
    col: cols.map((l) => l.toArray()),
    edge: edges.map((l) => l.toArray()),
    numSampledNodes,
    numSampledEdges,
  };
}

/** First position in `[start, stop)` whose time exceeds `t` (entries sorted ascending): the end of the eligible in-edges. */
function upperBound(time: TimeArray, start: number, stop: number, t: number): number {
  let lo = start;
  let hi = stop;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `count` distinct positions of `[start, start + population)` (Robert Floyd's
 * algorithm, as pyg-lib: O(count) draws), appended to `out` in draw order.
 */
function floyd(random: Random, population: number, count: number, start: number, out: IntList): void {
  const first = out.length;
  const chosen = count > 32 ? FLOYD_SET : undefined;
  chosen?.clear();
  for (let i = population - count; i < population; i++) {
    let rnd = random.int(0, i + 1);
    let taken = false;
    if (chosen !== undefined) taken = chosen.has(rnd);
    else {
      const data = out.data;
      for (let j = first; j < out.length; j++) {
        if (data[j] === start + rnd) {
          taken = true;
          break;
        }
      }
    }
    if (taken) rnd = i;
    chosen?.add(rnd);
    out.push(start + rnd);
  }
}

/** Reused by {@link floyd} for large counts (single-threaded per realm). */
const FLOYD_SET = new Set<number>();

/**
 * Every edge between sampled nodes (torch-sparse's `directed=False`): for each
 * edge type, each sampled destination in local order, its in-edges whose
 * source was sampled, in CSC order.
 */
function inducedEdges(graph: SamplerGraph, nodes: IntList[], mappers: Mapper[], rows: IntList[], cols: IntList[], edges: IntList[]): void {
  for (let r = 0; r < graph.edgeTypes.length; r++) {
    const { colptr, row, edgeId } = graph.csc[r]!;
    const dstNodes = nodes[graph.dstType[r]!]!;
    const mapper = mappers[graph.srcType[r]!]!;
    for (let i = 0; i < dstNodes.length; i++) {
      const v = dstNodes.data[i]!;
      for (let k = colptr[v]!; k < colptr[v + 1]!; k++) {
        const local = mapper.get(0, row[k]!);
        if (local >= 0) {
          rows[r]!.push(local);
          cols[r]!.push(i);
          edges[r]!.push(edgeId[k]!);
        }
      }
    }
  }
}
