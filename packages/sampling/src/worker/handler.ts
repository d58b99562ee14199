/**
 * The body of a sampling worker, whatever the thread API: it keeps the graph
 * it was given and answers each task with `sampleNeighbors`'s output. The
 * sampler is a pure function of the graph, the seeds and the task's random
 * seed, so a batch is the same here as in the loader's thread.
 */
import { toBidirectional } from '../sampler/bidirectional.js';
import { sampleNeighbors, SamplerScratch, type SamplerGraph } from '../sampler/neighbor_sample.js';
import { transferList, type FromWorker, type ToWorker, type WorkerFault } from './protocol.js';

/** What a worker thread provides: send a message (with transferables), exit. */
export interface WorkerPort {
  post(message: FromWorker, transfer: ArrayBuffer[]): void;
  /** Ends the thread (the `'exit'` fault). */
  exit(code: number): void;
}

/** A message handler for one worker thread. */
export function samplerWorker(port: WorkerPort): (message: ToWorker) => void {
  let graph: SamplerGraph | undefined;
  let scratch: SamplerScratch | undefined;
  let fault: WorkerFault | undefined;
  let done = 0;
  return (message) => {
    if (message.kind === 'init') {
      graph = message.graph;
      scratch = new SamplerScratch(graph);
      fault = message.fault;
      port.post({ kind: 'ready' }, []);
      return;
    }
    if (fault !== undefined && done >= fault.afterTasks && fault.how === 'slow') {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, fault.ms ?? 0);
    } else if (fault !== undefined && done >= fault.afterTasks) {
      if (fault.how === 'exit') port.exit(3);
      else if (fault.how === 'throw') throw new Error('sampling worker fault injected by a test');
      return; // 'hang': never answer
    }
    try {
      if (graph === undefined) throw new Error('sampling worker got a task before its graph');
      let out = sampleNeighbors(graph, message.request, scratch);
      if (message.bidirectional) out = toBidirectional(graph, out, message.homogeneous);
      done++;
      port.post({ kind: 'result', id: message.id, out }, transferList(out));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.post({ kind: 'error', id: message.id, name: e.name, message: e.message }, []);
    }
  };
}
