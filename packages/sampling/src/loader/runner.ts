/**
 * How a loader gets its sampled batches: in its own thread, or from worker
 * threads that sample the next `prefetch` batches while the model trains on
 * the current one. Either way batch `b` is `sampleNeighbors` of its planned
 * request, so the batches are the same whatever the number of workers.
 */
import { SamplingError } from '../errors.js';
import { toBidirectional } from '../sampler/bidirectional.js';
import { sampleNeighbors, SamplerScratch, type SampleOutput, type SampleRequest, type SamplerGraph } from '../sampler/neighbor_sample.js';
import { DEFAULT_WORKER_TIMEOUT_MS, SamplerPool, type SpawnWorker } from '../worker/pool.js';
import { defaultWorkerSpawner, shareGraph, sharedMemoryMissing } from '../worker/share.js';

/** Options of both loaders for sampling in worker threads. */
export interface WorkerOptions {
  /**
   * Worker threads that sample (Node `worker_threads`, browser Web Workers),
   * started for each epoch and stopped when it ends. Default 0: sample in
   * the calling thread. Batches do not depend on it.
   */
  numWorkers?: number | undefined;
  /** Batches sampled ahead while the current one is used. Default `2 · numWorkers`. */
  prefetch?: number | undefined;
  /** How to start a worker. Default: `worker_threads` with `@gnnjs/sampling/node`, Web Workers in browsers. */
  spawnWorker?: SpawnWorker | undefined;
  /** The longest a worker may take to answer one batch before the loader fails with a `SamplerWorkerError`. Default 120 000 ms. */
  workerTimeoutMs?: number | undefined;
}

/** One batch's sampling call, and what the loader needs afterwards to finish it. */
export interface PlannedSample<C> {
  request: SampleRequest;
  context: C;
}

/**
 * Whether a loader with these options samples in workers (then its stores go
 * on `SharedArrayBuffer`s); refuses `numWorkers` where memory cannot be shared.
 */
export function samplesInWorkers(options: WorkerOptions): boolean {
  if (nonNegativeInt(options.numWorkers, 'numWorkers', 0) === 0) return false;
  const missing = sharedMemoryMissing();
  if (missing !== undefined) throw new SamplingError('numWorkers', `sampling workers share the graph's memory, but ${missing}; or use numWorkers: 0`);
  return true;
}

export class SampleRunner {
  readonly numWorkers: number;
  readonly prefetch: number;
  readonly #graph: SamplerGraph;
  readonly #mode: { bidirectional: boolean; homogeneous: boolean };
  readonly #scratch: SamplerScratch;
  readonly #spawn: SpawnWorker | undefined;
  readonly #timeoutMs: number;
  #shared: SamplerGraph | undefined;

  constructor(graph: SamplerGraph, mode: { bidirectional: boolean; homogeneous: boolean }, options: WorkerOptions) {
    this.#graph = graph;
    this.#mode = mode;
    this.#scratch = new SamplerScratch(graph);
    this.numWorkers = nonNegativeInt(options.numWorkers, 'numWorkers', 0);
    this.prefetch = nonNegativeInt(options.prefetch, 'prefetch', 2 * this.numWorkers);
    if (this.numWorkers > 0 && this.prefetch < 1) throw new SamplingError('prefetch', 'must be at least 1 with workers');
    const timeout = options.workerTimeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
    if (typeof timeout !== 'number' || !(timeout > 0)) throw new SamplingError('workerTimeoutMs', `expected a positive number of milliseconds, got ${String(timeout)}`);
    this.#timeoutMs = timeout;
    this.#spawn = samplesInWorkers(options) ? (options.spawnWorker ?? defaultWorkerSpawner()) : options.spawnWorker;
  }

  /** Samples one request in this thread. */
  sampleHere(request: SampleRequest): SampleOutput {
    const out = sampleNeighbors(this.#graph, request, this.#scratch);
    return this.#mode.bidirectional ? toBidirectional(this.#graph, out, this.#mode.homogeneous) : out;
  }

  /**
   * The sampled batches `0 .. count-1` in order, `plan(b)` giving batch `b`'s
   * request. With workers, up to `prefetch` batches are in flight; the
   * workers stop when the iteration ends, breaks or fails (before the error
   * reaches the caller).
   */
  async *run<C>(count: number, plan: (batch: number) => PlannedSample<C>): AsyncGenerator<{ out: SampleOutput; context: C }, void, undefined> {
    if (this.numWorkers === 0) {
      for (let b = 0; b < count; b++) {
        const { request, context } = plan(b);
        yield { out: this.sampleHere(request), context };
      }
      return;
    }
    this.#shared ??= shareGraph(this.#graph);
    const pool = new SamplerPool(this.#shared, { numWorkers: this.numWorkers, spawn: this.#spawn!, timeoutMs: this.#timeoutMs });
    const queue: { promise: Promise<SampleOutput>; context: C }[] = [];
    let next = 0;
    const fill = (): void => {
      while (next < count && queue.length < this.prefetch) {
        const { request, context } = plan(next++);
        const promise = pool.sample(request, this.#mode);
        promise.catch(() => undefined); // awaited below, in order; a batch never awaited (the loop ended) must not be an unhandled rejection
        queue.push({ promise, context });
      }
    };
    try {
      fill();
      while (queue.length > 0) {
        const head = queue.shift()!;
        const out = await head.promise;
        fill();
        yield { out, context: head.context };
      }
    } finally {
      await pool.close();
    }
  }
}

function nonNegativeInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new SamplingError(field, `expected an integer >= 0, got ${String(value)}`);
  return value;
}
