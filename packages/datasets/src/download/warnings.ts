/**
 * Warnings of the loaders: problems that do not stop a load (the data was
 * read and verified) but that a user should hear about once.
 */

/** What went wrong, by kind. */
export type DatasetWarningCode =
  /** Verified files could not be written into the cache: they will be fetched again next time. */
  | 'cache-not-written'
  /** A cached file could not be read: it was fetched again. */
  | 'cache-not-read';

/** One warning of a load. */
export interface DatasetWarning {
  readonly code: DatasetWarningCode;
  /** The folder or file at fault. */
  readonly path: string;
  /** One line for a user, naming the path and the reason. */
  readonly message: string;
}

/** Receives a load's warnings (at most one per code and load). */
export type WarningCallback = (warning: DatasetWarning) => void;

/**
 * The default channel: Node's `process.emitWarning` (type
 * `GnnjsDatasetWarning`, code `GNNJS_` + the code), which Node prints to
 * stderr unless `--no-warnings` is set or a `process.on('warning')` listener
 * takes it; nothing in a browser.
 */
export function defaultWarningReporter(): WarningCallback {
  return (warning) => {
    if (typeof process === 'undefined' || typeof process.emitWarning !== 'function') return;
    process.emitWarning(warning.message, { type: 'GnnjsDatasetWarning', code: `GNNJS_${warning.code.toUpperCase().replace(/-/g, '_')}` });
  };
}

/** Collects a load's warnings and hands out the first of each code. */
export function warnOncePerCode(onWarning: WarningCallback): WarningCallback {
  const seen = new Set<DatasetWarningCode>();
  return (warning) => {
    if (seen.has(warning.code)) return;
    seen.add(warning.code);
    onWarning(warning);
  };
}
