// Sums the vitest JSON reports that every workspace package wrote in this run,
// prints one line per package, the closing line "tests: N passed, N failed,
// N skipped", and every skipped test's reason, grouped: the note of
// `ctx.skip(note)` (recorded by @gnnjs/vitest-config's skip reporter in
// .vitest/skips.json) or the `[skipped: …]` part of a title (`skipTitle`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { skipReason } from '../tooling/vitest-config/skip_reasons.js';

const root = new URL('..', import.meta.url).pathname;
const MAX_REASON = 240;
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
/** `${package}\0${reason}` → how many skipped tests, and one of them (for tests without a reason). */
const reasons = new Map();

/** The skipped tests of one package's run: from skips.json when it belongs to this report, else from the report. */
function skippedTests(dir, report, count) {
  const file = join(dir, '.vitest', 'skips.json');
  if (existsSync(file)) {
    const { tests } = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(tests) && tests.length === count) return tests;
  }
  return report.testResults.flatMap((module) =>
    module.assertionResults
      .filter((a) => a.status !== 'passed' && a.status !== 'failed')
      .map((a) => ({ file: relative(dir, module.name), test: a.fullName, reason: skipReason(undefined, a.fullName) })),
  );
}

// A group is a folder of workspace packages, or (e2e) a workspace package itself.
for (const group of ['packages', 'apps', 'tooling', 'e2e']) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  const names = existsSync(join(groupDir, 'package.json')) ? [''] : readdirSync(groupDir);
  for (const name of names) {
    const dir = join(groupDir, name);
    const file = join(dir, '.vitest', 'results.json');
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const skippedHere = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    const pkg = join(group, name);
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += skippedHere;
    rows.push(pkg.padEnd(28) + `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skippedHere} skipped`);
    for (const t of skippedHere > 0 ? skippedTests(dir, r, skippedHere) : []) {
      // Tests without a reason are grouped by file, so that the file can be given one.
      const why = t.reason ?? `no reason recorded in ${t.file}`;
      const key = `${pkg}\0${why.replace(/\s+/g, ' ')}`;
      const seen = reasons.get(key);
      reasons.set(key, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? t.test });
    }
  }
}
console.log(rows.join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (reasons.size > 0) {
  console.log('skipped, by reason:');
  for (const [key, { count, example }] of [...reasons].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))) {
    const [pkg, why] = key.split('\0');
    const full = why.startsWith('no reason recorded') ? `${why} (e.g. "${example}")` : why;
    const text = full.length > MAX_REASON ? `${full.slice(0, MAX_REASON - 1)}…` : full;
    console.log(`${String(count).padStart(6)}  ${pkg.padEnd(28)}${text}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
