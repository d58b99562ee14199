/** How long one backend may take to load or start before it counts as not working. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * `work`, or a rejection with `timedOut()` after `ms`: every wait on a driver
 * or a native library is bounded.
 *
 * @example
 * ```ts
 * await withinTime(setupNodeWebGPU(), 60_000, () => new Error('Dawn did not answer'));
 * ```
 */
export function withinTime<T>(work: Promise<T>, ms: number, timedOut: () => unknown): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
