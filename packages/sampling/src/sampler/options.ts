/** Checks of the sampling options shared by the loaders, each failure a {@link SamplingError} naming the option. */
import { edgeTypeKey, type EdgeType, type GraphStore } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import type { SamplerGraph, SubgraphType, TemporalStrategy } from './neighbor_sample.js';

/**
 * Fan-outs: one list for every edge type (`[15, 10, 5]`: 15 in-edges per node
 * in hop 1, ...; −1 takes all), or, for heterogeneous graphs, a list per edge
 * type keyed `'src__rel__dst'` (every edge type needs one; all of one length).
 */
export type NumNeighbors = readonly number[] | { readonly [edgeTypeKey: string]: readonly number[] };

/** The fan-outs of each edge type of `store`, in `store.edgeTypes` order, checked. */
export function resolveNumNeighbors(numNeighbors: NumNeighbors, store: GraphStore): number[][] {
  if (numNeighbors === null || typeof numNeighbors !== 'object') {
    throw new SamplingError('numNeighbors', `expected a list of fan-outs per hop (e.g. [15, 10]), got ${String(numNeighbors)}`);
  }
  if (Array.isArray(numNeighbors)) {
    checkList(numNeighbors as readonly number[], 'numNeighbors');
    return store.edgeTypes.map(() => [...(numNeighbors as readonly number[])]);
  }
  if (store.kind === 'homogeneous') {
    throw new SamplingError('numNeighbors', 'a homogeneous graph takes one list of fan-outs per hop (e.g. [15, 10]), not a dictionary by edge type');
  }
  const dict = numNeighbors as { readonly [k: string]: readonly number[] };
  const keys: string[] = store.edgeTypes.map((t) => edgeTypeKey(t));
  for (const k of Object.keys(dict)) {
    if (!keys.includes(k)) throw new SamplingError(`numNeighbors['${k}']`, `is not an edge type of the graph (edge types: ${keys.join(', ')})`);
  }
  const missing = keys.filter((k) => dict[k] === undefined);
  if (missing.length > 0) {
    throw new SamplingError('numNeighbors', `has no fan-outs for edge type${missing.length > 1 ? 's' : ''} ${missing.map((k) => `'${k}'`).join(', ')} (give every edge type a list, [0, ...] to skip one)`);
  }
  const lists = keys.map((k) => {
    checkList(dict[k]!, `numNeighbors['${k}']`);
    return [...dict[k]!];
  });
  const lengths = new Set(lists.map((l) => l.length));
  if (lengths.size > 1) {
    const detail = keys.map((k, i) => `'${k}': ${lists[i]!.length}`).join(', ');
    throw new SamplingError('numNeighbors', `every edge type needs the same number of hops, got ${detail}`);
  }
  return lists;
}

function checkList(list: readonly number[], field: string): void {
  if (!Array.isArray(list)) throw new SamplingError(field, `expected a list of fan-outs per hop, got ${JSON.stringify(list)}`);
  list.forEach((v, hop) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1) {
      throw new SamplingError(`${field}[${hop}]`, `a fan-out is a non-negative integer or -1 (all neighbours), got ${String(v)}`);
    }
  });
}

/** The sampler's view of a graph store: arrays by type position. */
export function samplerGraph(store: GraphStore): SamplerGraph {
  const nodeIndex = new Map(store.nodeTypes.map((t, i) => [t as string, i]));
  return {
    nodeTypes: store.nodeTypes,
    edgeTypes: store.edgeTypes as readonly EdgeType[],
    numNodes: store.nodeTypes.map((t) => store.numNodes(t)),
    csc: store.edgeTypes.map((t) => store.csc(t)),
    srcType: store.edgeTypes.map((t) => nodeIndex.get(t[0])!),
    dstType: store.edgeTypes.map((t) => nodeIndex.get(t[2])!),
  };
}

export function checkSubgraphType(value: unknown): SubgraphType {
  if (value === undefined) return 'directional';
  if (value === 'directional' || value === 'bidirectional' || value === 'induced') return value;
  throw new SamplingError('subgraphType', `expected 'directional', 'bidirectional' or 'induced', got ${JSON.stringify(value)}`);
}

export function checkTemporalStrategy(value: unknown): TemporalStrategy {
  if (value === undefined) return 'uniform';
  if (value === 'uniform' || value === 'last') return value;
  throw new SamplingError('temporalStrategy', `expected 'uniform' or 'last', got ${JSON.stringify(value)}`);
}

export function checkPositiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new SamplingError(field, `expected an integer >= 1, got ${String(value)}`);
  return value;
}

/** PyG refuses these combinations; so do we, before sampling anything. */
export function checkCombination(subgraphType: SubgraphType, disjoint: boolean, temporal: boolean): void {
  if (subgraphType === 'induced' && (disjoint || temporal)) {
    throw new SamplingError(
      'subgraphType',
      `'induced' subgraphs cannot be ${temporal ? "temporal (temporal sampling is disjoint)" : 'disjoint'}, as in PyG; use 'directional' or 'bidirectional'`,
    );
  }
}
