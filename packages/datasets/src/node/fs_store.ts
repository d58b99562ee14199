/**
 * Node-only file access: the raw-file cache (atomic writes, never a partial
 * file, stale temporary files swept) and local mirror folders. Loaded with a
 * dynamic `import()` so that the package's entry point stays importable in a
 * browser. Every file-system step is bounded (`bounded_fs.ts`).
 */
import { randomUUID } from 'node:crypto';
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../errors.js';
import { DATA_ROOT_ENV, readEnv } from '../download/env.js';
import type { RawFileStore } from '../download/raw_file_store.js';
import { bounded, describeFsError, errorCode, makeDirectory } from './bounded_fs.js';
import { isStaleTemp } from './stale_temp.js';

export type { RawFileStore } from '../download/raw_file_store.js';


/**
 * The raw folder of a dataset: `<root>/<Name>/raw` when `root` is given, else
 * `$GNNJS_DATA_ROOT/<collection>/<Name>/raw`, else
 * `${XDG_CACHE_HOME:-~/.cache}/gnnjs/<collection>/<Name>/raw`.
 */
export function rawDir(collection: string, name: string, root: string | undefined): string {
  if (root !== undefined) return join(root, name, 'raw');
  const dataRoot = readEnv(DATA_ROOT_ENV);
  if (dataRoot !== undefined) return join(dataRoot, collection, name, 'raw');
  const cacheHome = readEnv('XDG_CACHE_HOME') ?? join(homedir(), '.cache');
  return join(cacheHome, 'gnnjs', collection, name, 'raw');
}

/** The data root the user named (`root`, else `$GNNJS_DATA_ROOT`), or `undefined` for the default cache. */
export function namedDataRoot(root: string | undefined): string | undefined {
  return root ?? readEnv(DATA_ROOT_ENV);
}

/**
 * Makes sure a data root the user named is a folder (created if missing), so
 * that a root that can never exist (`/proc/x`, a path under a file) fails
 * fast, before any download, with a `DatasetError` naming it.
 */
export async function ensureDataRoot(root: string): Promise<void> {
  try {
    await makeDirectory(root);
  } catch (error) {
    throw new DatasetError(`the data root ${root} cannot be used: ${describeFsError(error)}`);
  }
}

/** `.<file>.<pid>.<uuid>.tmp`: the temporary files `write` makes. */
const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * Opens (without creating) the store of a dataset's raw files, first removing
 * the temporary files of writes that were killed before their rename (the rule
 * of `stale_temp.ts`); the sweep is best effort and never fails the open.
 */
export async function openRawFileStore(dir: string): Promise<RawFileStore> {
  await sweepStaleTempFiles(dir).catch(() => undefined);
  return {
    dir,
    async read(file) {
      const path = join(dir, file);
      try {
        return new Uint8Array(await bounded(readFile(path), 'reading', path));
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
        throw new DatasetError(`cannot read the cached file ${path}: ${describeFsError(error)}`, file);
      }
    },
    async write(file, bytes) {
      const temp = join(dir, `.${file}.${process.pid}.${randomUUID()}.tmp`);
      try {
        await makeDirectory(dir);
        await bounded(writeFile(temp, bytes, { flag: 'wx' }), 'writing', temp);
        await bounded(rename(temp, join(dir, file)), 'renaming', temp);
      } catch (error) {
        await bounded(rm(temp, { force: true }), 'removing', temp).catch(() => undefined);
        throw new DatasetError(`cannot write the cache in ${dir}: ${describeFsError(error)}`, file);
      }
    },
    async remove(file) {
      const path = join(dir, file);
      await bounded(rm(path, { force: true }), 'removing', path);
    },
  };
}

/** Removes temporary files in `dir` whose writer is gone or that are older than `STALE_TEMP_MS`. */
async function sweepStaleTempFiles(dir: string, now: number = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await bounded(readdir(dir), 'listing', dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (match === null) continue;
    const path = join(dir, name);
    if (!isStaleTemp(Number(match[1]), (await bounded(stat(path), 'checking', path)).mtimeMs, now)) continue;
    await bounded(rm(path, { force: true }), 'removing', path);
    removed.push(name);
  }
  return removed;
}

/** Reads `file` from a mirror folder given as a path or a `file:` URL. */
export async function readMirrorFile(mirror: string, file: string): Promise<Uint8Array> {
  const dir = mirror.startsWith('file:') ? fileURLToPath(mirror) : mirror;
  const path = join(dir, file);
  try {
    return new Uint8Array(await bounded(readFile(path), 'reading', path));
  } catch (error) {
    const reason = errorCode(error) === 'ENOENT' ? 'not found' : describeFsError(error);
    throw new DatasetError(`cannot read ${path} from the mirror folder: ${reason}`, file);
  }
}
