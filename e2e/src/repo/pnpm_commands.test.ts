/**
 * The pnpm pinned in package.json (12) rejects `pnpm -s <script>` ("error:
 * unexpected argument '-s' found"): `-s` is accepted before `run`/`exec` only
 * (`pnpm -s run <script>`), and `--silent` everywhere. No script, doc, test or
 * CI file may tell anyone to type the rejected form.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/** `pnpm -s <word>` where the word is not a pnpm command that takes `-s` before it. */
const REJECTED = /\bpnpm\s+(?:-[a-zA-Z]*s\b|--silent\s+-s\b)\s*(?!run\b|exec\b|dlx\b|-)[\w:@./-]+/g;
/** This file, which spells the rejected form out on purpose. */
const SELF = path.relative(REPO_ROOT, fileURLToPath(import.meta.url)).split(path.sep).join('/');
const TEXT = /\.(md|sh|json|ts|mts|mjs|js|cjs|yml|yaml|toml)$|(^|\/)(run|Makefile|Dockerfile)$/;

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((file) => TEXT.test(file) && file !== SELF && !file.endsWith('pnpm-lock.yaml') && !file.includes('.generated.'));
}

/** Every `pnpm -s <script>` in `text`, as `line: match`. */
function rejectedPnpmCommands(text: string): string[] {
  return text.split('\n').flatMap((line, i) => [...line.matchAll(REJECTED)].map((m) => `${i + 1}: ${m[0]}`));
}

describe('pnpm commands in the repository', () => {
  it('recognises the form pnpm 12 rejects, and only that one', () => {
    expect(rejectedPnpmCommands('pnpm -s bench --quick\n  `pnpm -s parity`')).toEqual(['1: pnpm -s bench', '2: pnpm -s parity']);
    expect(rejectedPnpmCommands('pnpm -s run bench; pnpm -s exec tsc; pnpm --silent bench; pnpm --filter x build; pnpm add -D y')).toEqual([]);
  });

  it('never use `pnpm -s <script>` in a script, doc, test or CI file', () => {
    const found = trackedTextFiles().flatMap((file) =>
      rejectedPnpmCommands(readFileSync(path.join(REPO_ROOT, file), 'utf8')).map((hit) => `${file}:${hit}`),
    );
    expect(found).toEqual([]);
  });
});
