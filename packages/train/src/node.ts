/**
 * `@gnnjs/train/node`: everything of `@gnnjs/train`, plus checkpoints on the
 * file system (any `Module`, with a checksum) and the atomic file write they use.
 *
 * @example
 * ```ts
 * import { loadCheckpoint, saveCheckpoint } from '@gnnjs/train/node';
 * await saveCheckpoint('out', model, { meta: { epoch: 200 } });
 * const { meta } = await loadCheckpoint('out', sameArchitecture);
 * ```
 */
export * from './index.js';
export { loadCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoint/files.js';
export { isAtomicTemp, writeFileAtomic } from './checkpoint/atomic_write.js';
