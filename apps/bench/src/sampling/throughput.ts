/**
 * The sampler alone (no features, no tensors): `sampleNeighbors` over a
 * store's CSC for `batches` batches of `batchSize` random training seeds, in
 * this thread and in a pool of worker threads. Reports sampled edges per
 * wall second and per CPU second (`process.cpuUsage`, all threads of the
 * process): on a loaded machine the CPU figure is the robust one.
 */
import type { GraphStore } from '@gnnjs/core';
import { batchSeed, Random, resolveNumNeighbors, SamplerPool, SamplerScratch, sampleNeighbors, samplerGraph, shareGraph, type SampleRequest } from '@gnnjs/sampling';
import { nodeWorkerSpawner } from '@gnnjs/sampling/node';

export interface ThroughputResult {
  workers: number;
  batches: number;
  batchSize: number;
  numNeighbors: number[];
  sampledEdges: number;
  sampledNodes: number;
  wallS: number;
  cpuS: number;
  edgesPerS: number;
  edgesPerCpuS: number;
  nsPerEdgeCpu: number;
}

/** The requests of `batches` batches of the loader with these options (epoch 0, seeds shuffled from `train`). */
export function requests(store: GraphStore, train: Int32Array, batchSize: number, numNeighbors: number[], batches: number, seed = 0): SampleRequest[] {
  const order = new Random(seed).permutation(train.length);
  const lists = resolveNumNeighbors(numNeighbors, store);
  return Array.from({ length: batches }, (_, b) => ({
    seeds: [Int32Array.from(order.subarray((b * batchSize) % train.length, ((b * batchSize) % train.length) + batchSize), (p) => train[p]!)],
    numNeighbors: lists,
    replace: false,
    disjoint: false,
    temporalStrategy: 'uniform' as const,
    subgraphType: 'directional' as const,
    randomSeed: batchSeed(seed, 0, b),
  }));
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Samples every request with `workers` threads (0: here), after one warm-up batch per thread. */
export async function measureThroughput(store: GraphStore, reqs: SampleRequest[], workers: number): Promise<ThroughputResult> {
  const graph = samplerGraph(store);
  let edges = 0;
  let nodes = 0;
  const count = (out: { numSampledEdges: number[][]; node: Int32Array[] }): void => {
    edges += out.numSampledEdges[0]!.reduce((s, v) => s + v, 0);
    nodes += out.node[0]!.length;
  };
  let wallS: number;
  let cpuS: number;
  if (workers === 0) {
    const scratch = new SamplerScratch(graph);
    sampleNeighbors(graph, reqs[0]!, scratch);
    const c0 = cpuSeconds();
    const t0 = performance.now();
    for (const r of reqs) count(sampleNeighbors(graph, r, scratch));
    wallS = (performance.now() - t0) / 1000;
    cpuS = cpuSeconds() - c0;
  } else {
    const pool = new SamplerPool(shareGraph(graph), { numWorkers: workers, spawn: nodeWorkerSpawner(), timeoutMs: 600_000 });
    try {
      await Promise.all(Array.from({ length: workers }, () => pool.sample(reqs[0]!, { bidirectional: false, homogeneous: true })));
      const c0 = cpuSeconds();
      const t0 = performance.now();
      for (const out of await Promise.all(reqs.map((r) => pool.sample(r, { bidirectional: false, homogeneous: true })))) count(out);
      wallS = (performance.now() - t0) / 1000;
      cpuS = cpuSeconds() - c0;
    } finally {
      await pool.close();
    }
  }
  const first = reqs[0]!;
  return {
    workers,
    batches: reqs.length,
    batchSize: first.seeds[0]!.length,
    numNeighbors: [...first.numNeighbors[0]!],
    sampledEdges: edges,
    sampledNodes: nodes,
    wallS,
    cpuS,
    edgesPerS: edges / wallS,
    edgesPerCpuS: edges / cpuS,
    nsPerEdgeCpu: (cpuS * 1e9) / edges,
  };
}
