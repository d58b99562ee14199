/** A mistake in the command line (a bad number, a missing flag): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** How the CLI reports a failure: one line, and the exit code. */
export interface ReportedError {
  line: string;
  exitCode: number;
}

/**
 * Turns any thrown value into one line for stderr. Errors GNN.js throws on
 * purpose (bad input, missing backend, unreadable checkpoint or dataset) are
 * the user's to fix and print as they are; anything else is a bug and says
 * so. Stacks are printed by the caller only with `--verbose`.
 */
export function reportError(err: unknown): ReportedError {
  if (err instanceof UsageError) return { line: `gnnjs: ${err.message}`, exitCode: 2 };
  if (isGnnError(err) || isNamedUserError(err)) {
    return { line: `gnnjs: ${oneLine((err as Error).message)}`, exitCode: 1 };
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { line: `gnnjs: unexpected error: ${oneLine(message)} (run with --verbose for details)`, exitCode: 1 };
}

// By class name, so that usage errors need not load @gnnjs/core (and tfjs).
function isGnnError(err: unknown): boolean {
  for (let proto: unknown = Object.getPrototypeOf(err); proto !== null && proto !== undefined; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'GnnError') return true;
  }
  return false;
}

// Errors from sibling packages that may not extend GnnError (datasets' own
// error classes) or from the file system, which the user can act on.
function isNamedUserError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (/^(DatasetError|CheckpointError|StateDictError|OutputFolderError|RangeError)$/.test(err.name)) return true;
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || code === 'EEXIST';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
