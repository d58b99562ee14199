import { GnnError } from '@gnnjs/core';

/**
 * A dataset could not be downloaded, verified or parsed.
 *
 * `file` names the raw file at fault (e.g. `ind.cora.x`) when there is one, so
 * that a user knows which download or cache entry to look at.
 */
export class DatasetError extends GnnError {
  override readonly name: string = 'DatasetError';
  /** The raw file at fault, or `undefined` when the error is not about one file. */
  readonly file: string | undefined;
  constructor(message: string, file?: string) {
    super(file === undefined ? message : `${file}: ${message}`);
    this.file = file;
  }
}

/**
 * An optional peer dependency that a feature needs is not installed (or does
 * not load). `packageName` is what to install, e.g. `@gnnjs/relational` for
 * `PaymentsFraud.load`.
 */
export class MissingPackageError extends DatasetError {
  override readonly name: string = 'MissingPackageError';
  /** The package to install. */
  readonly packageName: string;
  constructor(packageName: string, message: string) {
    super(message);
    this.packageName = packageName;
  }
}

/** Which limit of a download ran out: waiting for the response, for the next piece of the body, or for the whole file. */
export type DownloadTimeoutKind = 'connect' | 'idle' | 'total';

/** A download took longer than one of its limits (the `timeouts` option); `url` is the address that did not answer in time. */
export class DownloadTimeoutError extends DatasetError {
  override readonly name: string = 'DownloadTimeoutError';
  readonly url: string;
  readonly timeout: DownloadTimeoutKind;
  /** The limit that ran out, in milliseconds. */
  readonly limitMs: number;
  constructor(url: string, timeout: DownloadTimeoutKind, limitMs: number, message: string, file?: string) {
    super(message, file);
    this.url = url;
    this.timeout = timeout;
    this.limitMs = limitMs;
  }
}
