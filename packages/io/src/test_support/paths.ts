/** Paths of the shared fixtures outside the repo (never copied into it). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/io/src/test_support/paths.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** `<repo>/../shared/fixtures/torch`, or `$GNNJS_TEST_TORCH_FIXTURES`. */
export const TORCH_FIXTURES = process.env['GNNJS_TEST_TORCH_FIXTURES'] ?? resolve(REPO_ROOT, '../shared/fixtures/torch');

/** `<repo>/../shared/datasets/planetoid`, or `$GNNJS_TEST_PLANETOID_MIRROR`. */
export const PLANETOID_MIRROR = process.env['GNNJS_TEST_PLANETOID_MIRROR'] ?? resolve(REPO_ROOT, '../shared/datasets/planetoid');

/** This package's committed test data (`packages/io/test-data`). */
export const TEST_DATA = resolve(REPO_ROOT, 'packages/io/test-data');

/** A fixture file's bytes. */
export function fixture(name: string, dir = TORCH_FIXTURES): Uint8Array {
  return new Uint8Array(readFileSync(resolve(dir, name)));
}

/** A fixture's parsed JSON. */
export function fixtureJson<T>(name: string, dir = TORCH_FIXTURES): T {
  return JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as T;
}
