/** Progress of one raw file's download. */
export interface DownloadProgress {
  /** The raw file, e.g. `ind.cora.x`. */
  readonly file: string;
  /** Bytes received so far. */
  readonly received: number;
  /** The file's size in bytes when the server announced it, else `undefined`. */
  readonly total: number | undefined;
}

/** Called as bytes arrive (at least once per file, with `received === total` at the end). */
export type ProgressCallback = (progress: DownloadProgress) => void;

/**
 * The default reporter: one self-overwriting line on stderr when stderr is a
 * terminal, nothing otherwise (CI logs stay clean, browsers have no stderr).
 */
export function defaultProgressReporter(): ProgressCallback | undefined {
  if (typeof process === 'undefined' || process.stderr?.isTTY !== true) return undefined;
  return ({ file, received, total }) => {
    const kb = (n: number): string => `${Math.round(n / 1024)} kB`;
    const amount = total === undefined ? kb(received) : `${Math.floor((100 * received) / Math.max(total, 1))}% of ${kb(total)}`;
    const done = total !== undefined && received >= total;
    process.stderr.write(`\rdownloading ${file}: ${amount}${done ? '\n' : ''}`);
  };
}
