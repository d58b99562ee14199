import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(mode: string): { status: number | null; lines: string[]; stderr: string } {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@gnnjs/source', join(packageRoot, 'test', 'fixtures', 'uncaught_wasm_error.ts'), mode],
    { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: child.status, lines: child.stderr.split('\n'), stderr: child.stderr };
}

/**
 * Node reports an uncaught error as `file:line`, that line of source, a caret,
 * then (after a blank line or two) the error and its stack. tfjs-backend-wasm's Emscripten glue used to
 * catch and rethrow it from a process-wide listener: Node then showed the
 * glue's line (the whole minified bundle where it is one line) and exited
 * with code 7.
 */
describe('an uncaught error on the wasm backend', () => {
  it.each([
    ['a kernel error', 'throw', /^Error: Error in matMul: inner shapes \(3\) and \(2\)/],
    ['an unhandled rejection', 'reject', /^RangeError: nobody handles this rejection/],
  ])('%s: the message comes right after Node\'s one-line location, in a short report, exit code 1', (_, mode, message) => {
    const { status, lines, stderr } = run(mode);
    expect(status, stderr).toBe(1);
    const at = lines.findIndex((line) => message.test(line));
    expect(at, stderr).toBeGreaterThanOrEqual(0);
    expect(at, `the message should follow Node's location, source line and caret:\n${stderr}`).toBeLessThanOrEqual(5);
    expect(lines.slice(0, at).every((line) => line.length < 200), stderr.slice(0, 500)).toBe(true);
    expect(lines[0], 'the location is the real throw site, not the wasm glue').not.toMatch(/tfjs-backend-wasm/);
    expect(stderr.length).toBeLessThan(4000);
  });
});
