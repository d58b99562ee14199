/**
 * Messages between a loader and its sampling workers. The graph goes once,
 * at start-up, as `SharedArrayBuffer`-backed arrays (shared, not copied);
 * each task carries its seeds and random seed, and the worker sends the
 * sampled arrays back as transferables (moved, not copied).
 */
import type { SampleOutput, SampleRequest, SamplerGraph } from '../sampler/neighbor_sample.js';

/** What a worker may be asked to do besides sampling: tests make it fail on purpose. */
export interface WorkerFault {
  /** After this many finished tasks, fail on the next one. */
  readonly afterTasks: number;
  /** `'throw'`: an uncaught error; `'exit'`: the thread exits; `'hang'`: it never answers; `'slow'`: it answers `ms` late. */
  readonly how: 'throw' | 'exit' | 'hang' | 'slow';
  /** For `'slow'`: the delay of each answer. */
  readonly ms?: number | undefined;
}

export type ToWorker =
  | { readonly kind: 'init'; readonly graph: SamplerGraph; readonly fault?: WorkerFault | undefined }
  | { readonly kind: 'sample'; readonly id: number; readonly request: SampleRequest; readonly bidirectional: boolean; readonly homogeneous: boolean };

export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly out: SampleOutput }
  | { readonly kind: 'error'; readonly id: number; readonly name: string; readonly message: string };

/** The buffers of `out` to transfer back to the loader's thread. */
export function transferList(out: SampleOutput): ArrayBuffer[] {
  const arrays = [...out.node, ...(out.batch ?? []), ...out.row, ...out.col, ...out.edge.filter((e): e is Int32Array => e !== undefined)];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer && a.byteLength > 0) buffers.add(a.buffer);
  return [...buffers];
}
