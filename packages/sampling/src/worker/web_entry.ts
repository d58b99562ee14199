/**
 * Entry of a browser sampling worker (a module Web Worker): see `handler.ts`.
 * Bundle it as its own file and give its URL to `webWorkerSpawner`.
 */
import { samplerWorker } from './handler.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  close(): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = samplerWorker({
  post: (message, transfer) => scope.postMessage(message, transfer),
  exit: () => scope.close(),
});
scope.onmessage = (event) => handle(event.data);
