/**
 * Sampling workers as Web Workers (browsers). The graph's arrays are shared
 * through `SharedArrayBuffer`s, which browsers give only to cross-origin
 * isolated pages: serve the page with `Cross-Origin-Opener-Policy: same-origin`
 * and `Cross-Origin-Embedder-Policy: require-corp`.
 */
import type { SpawnWorker, WorkerHandle } from './pool.js';

/**
 * A {@link SpawnWorker} that starts module Web Workers from `url`: where the
 * page serves the entry `@gnnjs/sampling/worker`, bundled. Without `url`, the
 * entry beside this module (`web_entry.js`), which bundlers that follow
 * `new URL('…', import.meta.url)` (Vite, webpack 5) emit on their own.
 *
 * @example
 * ```ts
 * const loader = new NeighborLoader(graph, {
 *   numNeighbors: [10, 5], batchSize: 512, numWorkers: 2,
 *   spawnWorker: webWorkerSpawner('/assets/gnnjs-sampler-worker.js'), // @gnnjs/sampling/worker, bundled
 * });
 * ```
 */
export function webWorkerSpawner(url: URL | string = new URL('./web_entry.js', import.meta.url)): SpawnWorker {
  return (index: number): WorkerHandle => {
    const worker = new Worker(url, { type: 'module', name: `gnnjs-sampler-${index}` });
    let stopped = false;
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen: (on) => {
        worker.onmessage = (event: MessageEvent) => on.message(event.data as Parameters<typeof on.message>[0]);
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault();
          if (!stopped) on.failure('error', `threw ${event.message || 'an error (or its script failed to load)'}`);
          stopped = true;
        };
        worker.onmessageerror = () => {
          if (!stopped) on.failure('error', 'sent a message that could not be read');
          stopped = true;
        };
      },
      // A page does not wait for its workers: nothing to hold.
      setBusy: () => undefined,
      terminate: () => {
        stopped = true;
        worker.terminate();
        return Promise.resolve();
      },
    };
  };
}
