/** Sampling workers read the graph through `SharedArrayBuffer`s: which environments allow that, and copies for arrays that are not shared yet. */
import type { CscAdjacency, TimeArray } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import type { SamplerGraph } from '../sampler/neighbor_sample.js';
import type { SpawnWorker } from './pool.js';
import { webWorkerSpawner } from './web_worker.js';

/** Why this environment cannot share memory with workers, or undefined. */
export function sharedMemoryMissing(): string | undefined {
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) {
    return 'this page is not cross-origin isolated, so browsers withhold SharedArrayBuffer: serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp';
  }
  if (typeof SharedArrayBuffer !== 'function') return 'SharedArrayBuffer is not available here';
  return undefined;
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

function toShared<T extends Int32Array | TimeArray>(a: T): T {
  if (isShared(a)) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/**
 * The graph with every array on a `SharedArrayBuffer` (arrays already shared
 * are kept; others are copied once: build stores with `shared: true` to
 * avoid the copy).
 */
export function shareGraph(graph: SamplerGraph): SamplerGraph {
  const csc = graph.csc.map((c): CscAdjacency => {
    const shared: CscAdjacency = { colptr: toShared(c.colptr), row: toShared(c.row), edgeId: toShared(c.edgeId), numSrc: c.numSrc, numDst: c.numDst };
    return c.time === undefined ? shared : { ...shared, time: toShared(c.time) };
  });
  return { ...graph, csc };
}

let registered: SpawnWorker | undefined;

/** Makes `spawn` the loaders' default way to start workers (`@gnnjs/sampling/node` registers Node's `worker_threads`). */
export function setDefaultWorkerSpawner(spawn: SpawnWorker | undefined): void {
  registered = spawn;
}

/** The spawner a loader uses when given none. */
export function defaultWorkerSpawner(): SpawnWorker {
  if (registered !== undefined) return registered;
  const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
  if (!isNode && typeof Worker === 'function') return webWorkerSpawner();
  throw new SamplingError(
    'numWorkers',
    isNode
      ? "in Node, sampling workers are worker_threads: import the loaders from '@gnnjs/sampling/node' (or pass spawnWorker: nodeWorkerSpawner())"
      : 'this environment has no Worker: pass spawnWorker, or numWorkers: 0',
  );
}
