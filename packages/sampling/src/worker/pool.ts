/**
 * A pool of sampling workers over one shared graph: tasks go to the least
 * busy worker, each answer is bounded in time, and the first failure (an
 * uncaught error, an exit, a timeout) stops every worker and rejects every
 * pending task with a {@link SamplerWorkerError}: nothing hangs, nothing is
 * left running.
 */
import { SamplerWorkerError } from '../errors.js';
import type { SampleOutput, SampleRequest, SamplerGraph } from '../sampler/neighbor_sample.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** One worker thread as the pool sees it, whatever the thread API (Node's `worker_threads`, Web Workers). */
export interface WorkerHandle {
  post(message: ToWorker, transfer: ArrayBuffer[]): void;
  /** Called once: `message` for each answer, `failure` once if the worker errs or ends. */
  listen(on: { message(message: FromWorker): void; failure(reason: 'error' | 'exit', detail: string): void }): void;
  /** Whether the worker has work: an idle worker must not keep a Node process alive (`ref`/`unref`). */
  setBusy(busy: boolean): void;
  /** Stops the thread; resolves once it is gone. */
  terminate(): Promise<void>;
}

/** Starts worker `index` of a pool. */
export type SpawnWorker = (index: number) => WorkerHandle;

/** Default time a worker may take to answer one task (start-up included): 120 s. */
export const DEFAULT_WORKER_TIMEOUT_MS = 120_000;
/** Start-up (loading the worker's code) is bounded apart from tasks, by at least this. */
const MIN_START_TIMEOUT_MS = 60_000;
/** How long `close` waits for a thread to stop. */
const TERMINATE_TIMEOUT_MS = 10_000;

interface Task {
  readonly worker: number;
  readonly resolve: (out: SampleOutput) => void;
  readonly reject: (error: Error) => void;
  /** Started once the worker is ready and done with its earlier tasks: start-up and queueing are not the task's time. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Worker {
  readonly handle: WorkerHandle;
  /** Its tasks in the order it runs them: only the first is on the clock. */
  readonly queue: Task[];
  /** Pending until the worker has loaded and taken the graph. */
  startTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface SamplerPoolOptions {
  numWorkers: number;
  spawn: SpawnWorker;
  /** Per task, from the worker starting it (ready, and done with its earlier tasks) to its answer (default {@link DEFAULT_WORKER_TIMEOUT_MS}); start-up gets at least 60 s. */
  timeoutMs?: number | undefined;
  /** Test hook: the fault of each worker, by index (see `WorkerFault`). */
  init?: ((index: number) => Partial<Extract<ToWorker, { kind: 'init' }>>) | undefined;
}

/**
 * Worker threads sampling from one `SharedArrayBuffer`-backed graph.
 *
 * @example
 * ```ts
 * const pool = new SamplerPool(graph, { numWorkers: 3, spawn: nodeWorkerSpawner() });
 * const out = await pool.sample(request, { bidirectional: false, homogeneous: true });
 * await pool.close();
 * ```
 */
export class SamplerPool {
  readonly #workers: Worker[] = [];
  readonly #tasks = new Map<number, Task>();
  readonly #timeoutMs: number;
  #nextId = 0;
  #failure: SamplerWorkerError | undefined;
  #closing: Promise<void> | undefined;

  constructor(graph: SamplerGraph, options: SamplerPoolOptions) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
    try {
      const startMs = Math.max(this.#timeoutMs, MIN_START_TIMEOUT_MS);
      for (let i = 0; i < options.numWorkers; i++) {
        const handle = options.spawn(i);
        const startTimer = setTimeout(() => this.#fail(new SamplerWorkerError(i, 'timeout', `did not start within ${startMs / 1000} s`)), startMs);
        this.#workers.push({ handle, queue: [], startTimer });
        handle.listen({
          message: (m) => this.#onMessage(i, m),
          failure: (reason, detail) => this.#fail(new SamplerWorkerError(i, reason, detail)),
        });
        handle.post({ kind: 'init', graph, ...(options.init?.(i) ?? {}) }, []);
        // Only tasks hold the process open: an idle or starting pool does not.
        handle.setBusy(false);
        (startTimer as { unref?: () => void }).unref?.();
      }
    } catch (error) {
      void this.close();
      throw error;
    }
  }

  /** Threads started and not yet stopped. */
  get size(): number {
    return this.#workers.length;
  }

  /** Samples on the least busy worker. Rejects with a {@link SamplerWorkerError} if any worker fails. */
  sample(request: SampleRequest, mode: { bidirectional: boolean; homogeneous: boolean }): Promise<SampleOutput> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#closing !== undefined) return Promise.reject(new SamplerWorkerError(0, 'exit', 'the pool is closed'));
    let w = 0;
    for (let i = 1; i < this.#workers.length; i++) if (this.#workers[i]!.queue.length < this.#workers[w]!.queue.length) w = i;
    const worker = this.#workers[w]!;
    const id = this.#nextId++;
    return new Promise<SampleOutput>((resolve, reject) => {
      const task: Task = { worker: w, resolve, reject, timer: undefined };
      this.#tasks.set(id, task);
      worker.queue.push(task);
      if (worker.queue.length === 1) worker.handle.setBusy(true);
      this.#clockHead(worker);
      worker.handle.post({ kind: 'sample', id, request, ...mode }, []);
    });
  }

  /** Stops every worker (idempotent); resolves once all are gone or after a bounded wait. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const closed = new SamplerWorkerError(0, 'exit', 'the pool was closed before the task finished');
      for (const [id, task] of this.#tasks) this.#settle(id, task, () => task.reject(this.#failure ?? closed));
      const workers = this.#workers.splice(0);
      for (const w of workers) clearTimeout(w.startTimer);
      await Promise.all(workers.map((w) => bounded(w.handle.terminate(), TERMINATE_TIMEOUT_MS)));
    })();
    return this.#closing;
  }

  #onMessage(worker: number, message: FromWorker): void {
    if (message.kind === 'ready') {
      const w = this.#workers[worker];
      if (w === undefined) return;
      clearTimeout(w.startTimer);
      w.startTimer = undefined;
      this.#clockHead(w);
      return;
    }
    const task = this.#tasks.get(message.id);
    if (task === undefined) return;
    if (message.kind === 'result') this.#settle(message.id, task, () => task.resolve(message.out));
    else this.#fail(new SamplerWorkerError(worker, 'task', `${message.name}: ${message.message}`));
  }

  #settle(id: number, task: Task, action: () => void): void {
    clearTimeout(task.timer);
    this.#tasks.delete(id);
    const w = this.#workers[task.worker];
    if (w !== undefined) {
      w.queue.splice(w.queue.indexOf(task), 1);
      if (w.queue.length === 0) w.handle.setBusy(false);
      else this.#clockHead(w);
    }
    action();
  }

  /** Puts the task the worker is running on the clock, once the worker has started. */
  #clockHead(worker: Worker): void {
    const task = worker.queue[0];
    if (task === undefined || worker.startTimer !== undefined) return;
    task.timer ??= setTimeout(() => {
      // The thread running the loop may have been busy (a long training step) while the answer
      // came: let pending messages through before calling the worker late.
      afterPendingMessages(() => {
        if ([...this.#tasks.values()].includes(task)) {
          this.#fail(new SamplerWorkerError(task.worker, 'timeout', `gave no answer within ${this.#timeoutMs / 1000} s (workerTimeoutMs)`));
        }
      });
    }, this.#timeoutMs);
  }

  /** The first failure wins: every pending task is rejected with it, and every worker stopped. */
  #fail(error: SamplerWorkerError): void {
    if (this.#failure !== undefined || this.#closing !== undefined) return;
    this.#failure = error;
    void this.close();
  }
}

/**
 * Runs `f` once messages that arrived while this thread was busy have been
 * handled: Node runs timers before it polls for messages, `setImmediate`
 * after; elsewhere a fresh task.
 */
function afterPendingMessages(f: () => void): void {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (immediate !== undefined) immediate(f);
  else setTimeout(f, 0);
}

function bounded(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
