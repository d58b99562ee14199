// Sums the vitest JSON reports that every workspace package wrote in this run
// and prints one closing line: "tests: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
// A group is a folder of workspace packages, or (e2e) a workspace package itself.
for (const group of ['packages', 'apps', 'tooling', 'e2e']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  const names = existsSync(join(dir, 'package.json')) ? [''] : readdirSync(dir);
  for (const name of names) {
    const file = join(dir, name, '.vitest', 'results.json');
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const skippedHere = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += skippedHere;
    rows.push(join(group, name).padEnd(28) + `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skippedHere} skipped`);
  }
}
console.log(rows.join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
