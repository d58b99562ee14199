/** Entry of a Node sampling worker (`worker_threads`): see `../worker/handler.ts`. */
import { parentPort } from 'node:worker_threads';
import { samplerWorker } from '../worker/handler.js';
import type { ToWorker } from '../worker/protocol.js';

const port = parentPort;
if (port !== null) {
  const handle = samplerWorker({
    post: (message, transfer) => port.postMessage(message, transfer),
    exit: (code) => process.exit(code),
  });
  port.on('message', (message: ToWorker) => {
    // An uncaught error here reaches the loader as the worker's 'error' event.
    handle(message);
  });
}
