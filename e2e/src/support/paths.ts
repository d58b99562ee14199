/** Where the repository and the shared data (`../shared` beside it) are, from this file. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `../shared` relative to the repository root, as on CI. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');

/** Planetoid's raw files: `GNNJS_DATASETS_MIRROR` (relative to the repository root) or the shared copy. */
export const PLANETOID_MIRROR = path.resolve(REPO_ROOT, process.env['GNNJS_DATASETS_MIRROR'] ?? path.join(SHARED_DIR, 'datasets/planetoid'));
