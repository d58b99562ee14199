/** Why a test was skipped: its `ctx.skip(note)` note, else the `[skipped: …]` part of its title, else null. */
export function skipReason(note: string | undefined, fullName: string): string | null;
/** `title`, plus ` [skipped: why]` when `why` is given: how a `describe.skipIf`/`it.skipIf` title carries its reason. */
export function skipTitle(title: string, why: string | undefined): string;
/** A vitest reporter writing `{ tests: [{ file, test, reason }] }` for the skipped tests of a run. */
export class SkipReasonsReporter {
  constructor(outputFile: string);
}
