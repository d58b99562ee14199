/**
 * One DuckDB connection runs one query at a time: starting a query while
 * another one's result is still streaming invalidates that result, whose
 * remaining chunks then read as zeros or end early. The engines therefore put
 * every use of their connection through one queue.
 */

/** Runs async steps one at a time, in call order; a failed step does not stop the ones after it. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `step` once every step queued before it has settled. */
  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(step);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
