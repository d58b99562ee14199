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
