import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('a user script on @gnnjs/backend-cpu', () => {
  it.each(['cpu', 'auto'])("prints only what it prints itself (setBackend('%s'))", (backend) => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@gnnjs/source', join(packageRoot, 'test', 'fixtures', 'user_script.ts'), backend],
      { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('2,1\n');
    expect(run.stderr).toBe('');
  });
});
