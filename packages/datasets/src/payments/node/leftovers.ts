/**
 * Temporary folders of payments writes that were killed before their rename
 * (`.<folder>.tmp-<pid>-<hex>` beside the dataset folders) are removed by the
 * next load, by the rule of every cache here (`node/stale_temp.ts`): their
 * writer's PID no longer runs, or nothing in them changed for an hour.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bounded } from '../../node/bounded_fs.js';
import { isStaleTemp } from '../../node/stale_temp.js';
import { TEMP_FOLDER } from './write.js';

/** When anything in `folder` last changed: its own time or that of an entry (a table being written updates its file, not the folder). */
async function lastChange(folder: string): Promise<number> {
  let latest = (await bounded(stat(folder), 'checking', folder)).mtimeMs;
  const entries = await bounded(readdir(folder), 'listing', folder).catch(() => [] as string[]);
  for (const entry of entries) {
    const path = join(folder, entry);
    const modified = await bounded(stat(path), 'checking', path).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    latest = Math.max(latest, modified);
  }
  return latest;
}

/**
 * Removes the stale temporary folders of payments writes in `root` (a
 * payments cache root); returns their names. Best effort: an entry that cannot
 * be checked or removed is left for a later load.
 *
 * @example
 * ```ts
 * await removeStaleTempFolders('/home/me/.cache/gnnjs/payments'); // ['.payments-v1-scale1-seed0-parquet.tmp-4242-1a2b3c4d']
 * ```
 */
export async function removeStaleTempFolders(root: string, now: number = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await bounded(readdir(root), 'listing', root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FOLDER.exec(name);
    if (match === null) continue;
    const path = join(root, name);
    try {
      if (!isStaleTemp(Number(match[1]), await lastChange(path), now)) continue;
      await bounded(rm(path, { recursive: true, force: true }), 'removing', path);
      removed.push(name);
    } catch {
      // Left for a later load.
    }
  }
  return removed;
}
