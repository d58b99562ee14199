/**
 * `@gnnjs/relational` and `@duckdb/node-api` (DuckDB's native binary) are
 * optional peer dependencies of `@gnnjs/datasets`: only `@gnnjs/datasets/node`
 * (`PaymentsFraud.load`, `writePaymentsDataset`) needs them, so they are
 * imported there, on first use, and a missing package becomes a
 * `MissingPackageError` that says what to install.
 */
import type * as Relational from '@gnnjs/relational';
import { MissingPackageError } from '../../errors.js';

export const RELATIONAL_PACKAGE = '@gnnjs/relational';

type RelationalModule = typeof Relational;

/** Whether `error` (or a `cause` under it) is a module resolver's "not installed" for `packageName` (Node's and Vite's wording). */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  const quoted = packageName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const patterns = [new RegExp(`Cannot find (?:package|module) '${quoted}['/]`), new RegExp(`Failed to resolve import "${quoted}["/]`)];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message : String(e);
    if (patterns.some((p) => p.test(text))) return true;
  }
  return false;
}

/**
 * Imports the optional peer dependency `packageName` for `feature`;
 * `importer` is the `import()` (written literally by the caller so that
 * bundlers see it). A package that is not installed, or fails to load, is a
 * `MissingPackageError` saying what to install.
 *
 * @example
 * ```ts
 * const api = await importOptionalPeer('@duckdb/node-api', 'writePaymentsDataset', () => import('@duckdb/node-api'));
 * ```
 */
export async function importOptionalPeer<M>(packageName: string, feature: string, importer: () => Promise<M>): Promise<M> {
  try {
    return await importer();
  } catch (error) {
    const install = `Install it beside @gnnjs/datasets: \`npm install ${packageName}\`.`;
    if (isMissingPackage(error, packageName)) {
      throw new MissingPackageError(packageName, `${feature} needs ${packageName}, an optional peer dependency of @gnnjs/datasets, which is not installed. ${install}`);
    }
    const text = error instanceof Error ? error.message : String(error);
    throw new MissingPackageError(
      packageName,
      `${feature} needs ${packageName}, which failed to load (${(text.split('\n', 1)[0] ?? text).slice(0, 200)}). ${install}`,
    );
  }
}

/**
 * Imports `@gnnjs/relational` for `feature`. `importer` is the `import()`
 * (written literally so that bundlers see it; tests pass another).
 *
 * @example
 * ```ts
 * const { openDatabase } = await importRelational('PaymentsFraud.load');
 * ```
 */
export async function importRelational(
  feature: string,
  importer: () => Promise<RelationalModule> = () => import('@gnnjs/relational'),
): Promise<RelationalModule> {
  return importOptionalPeer(RELATIONAL_PACKAGE, feature, importer);
}
