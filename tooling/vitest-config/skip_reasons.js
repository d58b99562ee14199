// A vitest reporter that records every skipped test with its reason, for
// scripts/test-summary.mjs: vitest's JSON report lists skipped tests but not
// the note of `ctx.skip(note)`.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * The reason of a skipped test: the note it was skipped with
 * (`ctx.skip(note)`), else the `[skipped: …]` part of its or a suite's title
 * (what {@link skipTitle} adds for `describe.skipIf`/`it.skipIf`), else null.
 *
 * @param {string | undefined} note
 * @param {string} fullName
 * @returns {string | null}
 */
export function skipReason(note, fullName) {
  if (note !== undefined && note.trim() !== '') return note.trim();
  const titled = /\[skipped: ([^\]]+)\]/.exec(fullName);
  return titled === null ? null : titled[1].trim();
}

/**
 * A test or suite title that carries why it is skipped, when it is:
 * `describe.skipIf(why !== undefined)(skipTitle('in Chromium', why), …)`.
 *
 * @param {string} title
 * @param {string | undefined} why
 * @returns {string}
 */
export function skipTitle(title, why) {
  return why === undefined ? title : `${title} [skipped: ${why.replaceAll(']', ')')}]`;
}

/** Writes `{ tests: [{ file, test, reason }] }` for the skipped and todo tests of a run. */
export class SkipReasonsReporter {
  /** @param {string} outputFile relative to the project root */
  constructor(outputFile) {
    this.outputFile = outputFile;
    this.root = process.cwd();
  }

  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules) {
    const tests = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== 'skipped') continue;
        tests.push({ file: relative(this.root, module.moduleId), test: test.fullName, reason: skipReason(result.note, test.fullName) });
      }
    }
    const file = resolve(this.root, this.outputFile);
    mkdirSync(dirname(file), { recursive: true });
    // Temp file + rename: a killed run never leaves half a file for the summary.
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ tests }, null, 1)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}
