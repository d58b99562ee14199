/**
 * tfjs's CPU backend, which this package extends: importing it registers the
 * `'cpu'` backend and tfjs's own kernels, which ours then replace or add to.
 *
 * tfjs-backend-cpu prints "Hi, looks like you are running TensorFlow.js in
 * Node.js. To speed things up dramatically, install our node backend ..." on
 * the first tensor each instance stores in Node. GNN.js chooses its backends
 * itself (`setBackend('auto')`; `@gnnjs/backend-node-gpu` is tfjs-node), and
 * prints nothing the user did not ask for, so every `'cpu'` backend tfjs
 * creates from here on starts with that note already given.
 */
import '@tensorflow/tfjs-backend-cpu';
import type { KernelBackend } from '@tensorflow/tfjs-core';
import { wrapBackendFactory } from '@gnnjs/core';

function withoutNodeNote<B extends KernelBackend>(backend: B): B {
  // `firstUse` is MathBackendCPU's private "note not printed yet" flag.
  (backend as unknown as { firstUse?: boolean }).firstUse = false;
  return backend;
}

wrapBackendFactory('cpu', (create) => () => {
  const backend = create();
  return backend instanceof Promise ? backend.then(withoutNodeNote) : withoutNodeNote(backend);
});

export { MathBackendCPU, version_cpu } from '@tensorflow/tfjs-backend-cpu';
