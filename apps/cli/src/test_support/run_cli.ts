import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// End to end through a real process: the built CLI (turbo builds before
// tests), or the sources through tsx when there is no build.
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const builtCli = join(appRoot, 'dist', 'cli.js');
const mirror = resolve(appRoot, '../../../shared/datasets/planetoid');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function gnnjs(...args: string[]): Promise<Result> {
  const [command, prefix] = existsSync(builtCli)
    ? [process.execPath, [builtCli]]
    : [process.execPath, ['--import', 'tsx', '--conditions=@gnnjs/source', join(appRoot, 'src', 'cli.ts')]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...prefix, ...args], {
      cwd: appRoot,
      env: { ...process.env, GNNJS_DATASETS_MIRROR: mirror },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A user error: non-zero exit, exactly one line on stderr, no stack trace. */
export function expectOneLineError(r: Result, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

