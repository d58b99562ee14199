/**
 * Sampling workers as Node `worker_threads`. The worker runs the compiled
 * `sampler_worker.js` beside this file; run from TypeScript sources (tests,
 * `tsx`), it runs `sampler_worker.ts` through tsx's loader.
 */
import { Worker } from 'node:worker_threads';
import type { SpawnWorker, WorkerHandle } from '../worker/pool.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(FROM_SOURCE ? './sampler_worker.ts' : './sampler_worker.js', import.meta.url);

/**
 * From sources, the worker registers tsx's loader first (loader flags of the
 * parent do not reach a worker's own module loading in Node 20).
 */
function bootstrap(): { url: URL | string; eval: boolean } {
  if (!FROM_SOURCE) return { url: ENTRY, eval: false };
  const api = import.meta.resolve('tsx/esm/api');
  return { url: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY.href)}); });`, eval: true };
}

/**
 * A {@link SpawnWorker} that starts `worker_threads`. `@gnnjs/sampling/node`
 * makes it the loaders' default, so `numWorkers` needs nothing else in Node.
 *
 * @example
 * ```ts
 * import { NeighborLoader, nodeWorkerSpawner } from '@gnnjs/sampling/node';
 * const loader = new NeighborLoader(graph, { numNeighbors: [15, 10], batchSize: 1024, numWorkers: 3, spawnWorker: nodeWorkerSpawner() });
 * ```
 */
/** Sampling threads started here and not yet exited (a diagnostic: 0 once every loader's iteration has ended). */
export function liveSamplerWorkers(): number {
  return live;
}
let live = 0;

export function nodeWorkerSpawner(): SpawnWorker {
  return (index: number): WorkerHandle => {
    const entry = bootstrap();
    const worker = new Worker(entry.url, { eval: entry.eval, name: `gnnjs-sampler-${index}`, stdout: false, stderr: false });
    let failed = false;
    live++;
    worker.once('exit', () => live--);
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen: (on) => {
        worker.on('message', on.message);
        worker.on('error', (error: Error) => {
          failed = true;
          on.failure('error', `threw ${error.name}: ${error.message}`);
        });
        worker.on('exit', (code) => {
          if (!failed) on.failure('exit', `exited with code ${code}`);
          failed = true;
        });
      },
      setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
      terminate: async () => {
        failed = true; // an exit we asked for is no failure
        await worker.terminate();
      },
    };
  };
}
