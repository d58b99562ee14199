/**
 * `@gnnjs/relational` (and with it DuckDB's native binary) is an optional peer
 * dependency of `@gnnjs/datasets`: only `PaymentsFraud.load` needs it, so it
 * is imported there, on first use, and a missing package becomes a
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
  try {
    return await importer();
  } catch (error) {
    const install = `Install it beside @gnnjs/datasets: \`npm install ${RELATIONAL_PACKAGE}\`.`;
    if (isMissingPackage(error, RELATIONAL_PACKAGE)) {
      throw new MissingPackageError(RELATIONAL_PACKAGE, `${feature} needs ${RELATIONAL_PACKAGE}, an optional peer dependency of @gnnjs/datasets, which is not installed. ${install}`);
    }
    const text = error instanceof Error ? error.message : String(error);
    throw new MissingPackageError(
      RELATIONAL_PACKAGE,
      `${feature} needs ${RELATIONAL_PACKAGE}, which failed to load (${(text.split('\n', 1)[0] ?? text).slice(0, 200)}). ${install}`,
    );
  }
}
