/**
 * Entry of the sampling test page (bundled with esbuild): a NeighborLoader
 * whose workers are Web Workers over SharedArrayBuffers, exposed to
 * Playwright as `window.samplingTest`.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { NeighborLoader, webWorkerSpawner, type SpawnWorker, type WorkerFault } from '@gnnjs/sampling';
import { workerTestGraph, WORKER_TEST_LOADER } from './worker_graph.js';

export type BatchesOutcome = { batches: number[][]; isolated: boolean } | { error: string; message: string; reason?: string | undefined };

/** Web Workers from the page's bundled worker entry; worker `fault.at` told to fail (the init message's test hook). */
function spawner(fault?: WorkerFault & { at: number }): SpawnWorker {
  const spawn = webWorkerSpawner('/sampler_worker.js');
  return (i) => {
    const handle = spawn(i);
    if (fault === undefined || i !== fault.at) return handle;
    return { ...handle, post: (message, transfer) => handle.post(message.kind === 'init' ? { ...message, fault } : message, transfer) };
  };
}

const api = {
  /** Every batch's node ids (two epochs), sampled with `numWorkers` Web Workers; or the error the loader threw. */
  async batches(numWorkers: number, fault?: WorkerFault & { at: number }): Promise<BatchesOutcome> {
    await tf.setBackend('cpu');
    const graph = workerTestGraph();
    try {
      const loader = new NeighborLoader(graph, { ...WORKER_TEST_LOADER, numWorkers, spawnWorker: spawner(fault), workerTimeoutMs: 20_000 });
      const batches: number[][] = [];
      for (let epoch = 0; epoch < 2; epoch++) for await (const b of loader) batches.push(Array.from(b.nId));
      return { batches, isolated: globalThis.crossOriginIsolated };
    } catch (error) {
      const e = error as Error & { reason?: string };
      return { error: e.name, message: e.message, reason: e.reason };
    } finally {
      graph.dispose();
    }
  },
};

export type SamplingTestApi = typeof api;

(globalThis as { samplingTest?: SamplingTestApi }).samplingTest = api;
