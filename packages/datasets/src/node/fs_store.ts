/**
 * Node-only file access: the raw-file cache (atomic writes, never a partial
 * file) and local mirror folders. Loaded with a dynamic `import()` so that the
 * package's entry point stays importable in a browser.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../errors.js';
import { DATA_ROOT_ENV, readEnv } from '../download/env.js';

/** A folder of verified raw files. */
export interface RawFileStore {
  readonly dir: string;
  /** The cached file, or `undefined` when it is not there. */
  read(file: string): Promise<Uint8Array | undefined>;
  /** Writes `bytes` atomically: a temporary file in the same folder, then a rename. */
  write(file: string, bytes: Uint8Array): Promise<void>;
  remove(file: string): Promise<void>;
}

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

/** Opens (without creating) the store of a dataset's raw files. */
export function openRawFileStore(dir: string): RawFileStore {
  return {
    dir,
    async read(file) {
      try {
        return new Uint8Array(await readFile(join(dir, file)));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw new DatasetError(`cannot read the cached file in ${dir}: ${String(error)}`, file);
      }
    },
    async write(file, bytes) {
      const temp = join(dir, `.${file}.${process.pid}.${randomUUID()}.tmp`);
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, bytes, { flag: 'wx' });
        await rename(temp, join(dir, file));
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw new DatasetError(`cannot write the cache in ${dir}: ${String(error)}`, file);
      }
    },
    async remove(file) {
      await rm(join(dir, file), { force: true });
    },
  };
}

/** Reads `file` from a mirror folder given as a path or a `file:` URL. */
export async function readMirrorFile(mirror: string, file: string): Promise<Uint8Array> {
  const dir = mirror.startsWith('file:') ? fileURLToPath(mirror) : mirror;
  try {
    return new Uint8Array(await readFile(join(dir, file)));
  } catch (error) {
    const reason = isMissing(error) ? 'not found' : String(error);
    throw new DatasetError(`cannot read ${join(dir, file)} from the mirror folder: ${reason}`, file);
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
