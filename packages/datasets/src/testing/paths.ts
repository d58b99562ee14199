/** Paths tests use: the shared local mirror outside the repo, and temp folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/datasets/src/testing/paths.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/**
 * The local mirror of the raw Planetoid files (never copied into the repo):
 * `<repo>/../shared/datasets/planetoid`, or `$GNNJS_TEST_PLANETOID_MIRROR`.
 */
export const PLANETOID_MIRROR = process.env['GNNJS_TEST_PLANETOID_MIRROR'] ?? resolve(REPO_ROOT, '../shared/datasets/planetoid');

/** A fresh temporary folder, and a function that removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `gnnjs-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
