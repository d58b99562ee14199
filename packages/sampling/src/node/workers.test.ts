/**
 * Sampling in worker_threads: the batches are the same with 0, 1 and 3
 * workers (homogeneous, temporal heterogeneous, link); a worker that throws,
 * exits or hangs makes the loader reject promptly with a SamplerWorkerError,
 * and no sampling thread is left running.
 */
import '@tensorflow/tfjs-backend-cpu';
import { readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { Graph, HeteroGraph } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkNeighborLoader, NeighborLoader, SamplerWorkerError, SamplingError, liveSamplerWorkers, nodeWorkerSpawner, setDefaultWorkerSpawner, type SpawnWorker, type WorkerFault } from '../node.js';
import { Random } from '../sampler/random.js';
import type { SampledLinkGraph } from '../loader/sampled_graph.js';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
});

/** A random graph: n nodes, e edges, x = [id, id mod 7]. */
function randomGraph(n: number, e: number, seed: number): Graph {
  const r = new Random(seed);
  const src = Array.from({ length: e }, () => r.int(0, n));
  const dst = Array.from({ length: e }, () => r.int(0, n));
  return new Graph({ edgeIndex: [src, dst], numNodes: n, x: tf.tensor2d(Array.from({ length: n }, (_, i) => [i, i % 7])) });
}

/** Everything a batch says, as plain arrays. */
async function collect(loader: AsyncIterable<Graph & { nId: Int32Array; eId: Int32Array | undefined }>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const b of loader) out.push({ nId: Array.from(b.nId), eId: Array.from(b.eId ?? []), edgeIndex: await b.edgeIndex.array(), x: await b.x!.array() });
  return out;
}

/** The spawner of `@gnnjs/sampling/node`, with worker `at` told to fail (the test hook of the init message). */
function faulty(at: number, fault: WorkerFault): SpawnWorker {
  const spawn = nodeWorkerSpawner();
  return (i) => {
    const handle = spawn(i);
    return i !== at ? handle : { ...handle, post: (message, transfer) => handle.post(message.kind === 'init' ? { ...message, fault } : message, transfer) };
  };
}

const threads = (): number => readdirSync('/proc/self/task').length;

describe('sampling in worker threads', () => {
  const graph = randomGraph(3000, 30_000, 1);
  afterAll(() => graph.dispose());

  it('gives the same batches with 0, 1 and 3 workers, epoch after epoch', async () => {
    const options = { numNeighbors: [6, 3], batchSize: 200, shuffle: true, seed: 7 };
    const runs: unknown[][] = [];
    for (const numWorkers of [0, 1, 3]) {
      const loader = new NeighborLoader(graph, { ...options, numWorkers });
      expect(loader.numWorkers).toBe(numWorkers);
      runs.push([...(await collect(loader)), ...(await collect(loader))]);
      expect(liveSamplerWorkers()).toBe(0);
    }
    expect(runs[0]!.length).toBe(30);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  }, 120_000);

  it('gives the same temporal heterogeneous and link batches with workers as without', async () => {
    const r = new Random(3);
    const users = 300;
    const items = 80;
    const buys = [Array.from({ length: 2000 }, () => r.int(0, users)), Array.from({ length: 2000 }, () => r.int(0, items))];
    const hetero = new HeteroGraph({
      nodes: {
        user: { x: tf.randomNormal([users, 2], 0, 1, 'float32', 1), time: tf.tensor1d(Array.from({ length: users }, () => r.int(0, 50)), 'int32') },
        item: { x: tf.randomNormal([items, 3], 0, 1, 'float32', 2), time: tf.tensor1d(Array.from({ length: items }, () => r.int(0, 50)), 'int32') },
      },
      edges: [
        { type: ['user', 'buys', 'item'], edgeIndex: buys },
        { type: ['item', 'rev_buys', 'user'], edgeIndex: [buys[1]!, buys[0]!] },
      ],
    });
    const temporal = { numNeighbors: [4, 3], inputNodes: 'user' as const, batchSize: 64, shuffle: true, timeAttr: 'time' as const, subgraphType: 'bidirectional' as const, seed: 5 };
    const heteroBatches = async (numWorkers: number): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const b of new NeighborLoader(hetero, { ...temporal, numWorkers })) {
        out.push({ user: Array.from(b.nId.user), item: Array.from(b.nId.item), batch: Array.from(b.batch!.item), e: await b.edge(['user', 'buys', 'item']).edgeIndex.array() });
      }
      return out;
    };
    expect(await heteroBatches(2)).toEqual(await heteroBatches(0));

    const link = { numNeighbors: [4, 2], batchSize: 500, shuffle: true, negSampling: { mode: 'binary' as const, amount: 1 }, seed: 9 };
    const linkBatches = async (numWorkers: number): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const b of new LinkNeighborLoader(graph, { ...link, numWorkers })) out.push({ nId: Array.from(b.nId), label: await (b as SampledLinkGraph).edgeLabelIndex!.array() });
      return out;
    };
    expect(await linkBatches(3)).toEqual(await linkBatches(0));
    hetero.dispose();
    expect(liveSamplerWorkers()).toBe(0);
  }, 120_000);

  it('stops its workers when the loop breaks', async () => {
    const loader = new NeighborLoader(graph, { numNeighbors: [5], batchSize: 100, numWorkers: 2, seed: 0 });
    for await (const batch of loader) {
      expect(batch.batchSize).toBe(100);
      expect(liveSamplerWorkers()).toBe(2);
      break;
    }
    expect(liveSamplerWorkers()).toBe(0);
  }, 60_000);

  it('times each task from when its worker starts it: queued prefetches and long steps are not the worker late', async () => {
    // One worker, 4 batches queued at once, each answered 700 ms after it starts: the last comes 2.8 s after
    // it was posted, past the 1.5 s limit, though no task took more than 0.7 s. Steps of 2 s, past it too.
    const slow = (i: number) => faulty(i, { afterTasks: 0, how: 'slow', ms: 700 })(i);
    const loader = new NeighborLoader(graph, { numNeighbors: [5], batchSize: 500, numWorkers: 1, prefetch: 4, seed: 0, workerTimeoutMs: 1500, spawnWorker: slow });
    let batches = 0;
    for await (const batch of loader) {
      const until = Date.now() + (batches === 0 ? 2000 : 0);
      while (Date.now() < until) batches += batch.batchSize > 0 ? 0 : 1;
      batches++;
    }
    expect(batches).toBe(6);
    expect(liveSamplerWorkers()).toBe(0);
  }, 60_000);

  for (const [how, reason] of [
    ['exit', 'exit'],
    ['throw', 'error'],
    ['hang', 'timeout'],
  ] as const) {
    it(`fails cleanly when a worker ${how === 'hang' ? 'hangs' : how === 'exit' ? 'exits' : 'throws'}: a SamplerWorkerError, promptly, no thread left`, async () => {
      // One good epoch first, so that threads Node starts lazily are in the baseline.
      const warm = new NeighborLoader(graph, { numNeighbors: [5], batchSize: 500, numWorkers: 3, seed: 0 });
      await collect(warm);
      const before = threads();
      const loader = new NeighborLoader(graph, {
        numNeighbors: [5, 5],
        batchSize: 100,
        numWorkers: 3,
        seed: 0,
        spawnWorker: faulty(1, { afterTasks: 1, how }),
        workerTimeoutMs: 3000, // from the worker being ready: start-up is bounded apart
      });
      const started = Date.now();
      let seen = 0;
      const run = (async () => {
        for await (const batch of loader) seen += batch.batchSize > 0 ? 1 : 0;
      })();
      const error = await run.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(SamplerWorkerError);
      expect((error as SamplerWorkerError).worker).toBe(1);
      expect((error as SamplerWorkerError).reason).toBe(reason);
      expect(seen).toBeLessThan(30);
      // Prompt: well within the 120 s default (a hang is bounded by workerTimeoutMs: 3 s here).
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(liveSamplerWorkers()).toBe(0);
      expect(threads()).toBeLessThanOrEqual(before);
    }, 120_000);
  }

  it('refuses bad worker options with a SamplingError naming the option', () => {
    expect(() => new NeighborLoader(graph, { numNeighbors: [2], numWorkers: -1 })).toThrow(/numWorkers: expected an integer >= 0/);
    expect(() => new NeighborLoader(graph, { numNeighbors: [2], numWorkers: 1.5 })).toThrow(SamplingError);
    expect(() => new NeighborLoader(graph, { numNeighbors: [2], numWorkers: 2, prefetch: 0 })).toThrow(/prefetch: must be at least 1/);
    expect(() => new NeighborLoader(graph, { numNeighbors: [2], numWorkers: 1, workerTimeoutMs: 0 })).toThrow(/workerTimeoutMs/);
    setDefaultWorkerSpawner(undefined);
    try {
      expect(() => new NeighborLoader(graph, { numNeighbors: [2], numWorkers: 1 })).toThrow(/import the loaders from '@gnnjs\/sampling\/node'/);
    } finally {
      setDefaultWorkerSpawner(nodeWorkerSpawner());
    }
  });
});
