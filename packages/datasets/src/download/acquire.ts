/**
 * Gets a dataset's raw files: from the cache when a verified copy is there,
 * else from the mirror or the canonical URL, verified before it is cached.
 * Nothing partial or unverified is ever left in the cache. A data root the
 * user named must be usable (else a `DatasetError` before any download); a
 * cache below it that cannot be read or written only warns.
 */
import { DatasetError } from '../errors.js';
import type { RawFileStore } from './raw_file_store.js';
import { MIRROR_ENV, isNode, readEnv } from './env.js';
import { fetchBytes, resolveDownloadTimeouts, type DownloadTimeouts } from './http.js';
import { defaultProgressReporter, type ProgressCallback } from './progress.js';
import { sha256Hex } from './sha256.js';
import { defaultWarningReporter, warnOncePerCode, type WarningCallback } from './warnings.js';

/** The expected SHA-256 and size of a raw file. */
export interface RawFileChecksum {
  readonly sha256: string;
  readonly bytes: number;
}

/** One raw file to get. */
export interface RawFileSpec {
  readonly file: string;
  /** `null`: no known checksum; `checkStructure` alone decides. */
  readonly checksum: RawFileChecksum | null;
  /** Throws a `DatasetError` when the bytes are not a well-formed file of this kind. */
  readonly checkStructure: (bytes: Uint8Array) => void;
}

/** Where and how to get raw files. */
export interface AcquireOptions {
  /** The dataset family, a folder level of the default cache (`planetoid`). */
  readonly collection: string;
  /** The dataset, a folder level of the cache (`Cora`). */
  readonly name: string;
  /** The canonical download location. */
  readonly baseUrl: string;
  readonly root?: string | undefined;
  readonly mirror?: string | undefined;
  readonly onProgress?: ProgressCallback | undefined;
  /** `false` skips the file-system cache (default: cache under Node, none in a browser). */
  readonly cache?: boolean | undefined;
  /** Problems that do not stop the load (an unwritable cache); default: Node's `process.emitWarning`. */
  readonly onWarning?: WarningCallback | undefined;
  /** Limits of each HTTP download (defaults: `DEFAULT_DOWNLOAD_TIMEOUTS`). */
  readonly timeouts?: DownloadTimeouts | undefined;
}

type Source = { readonly kind: 'url'; readonly base: string } | { readonly kind: 'dir'; readonly path: string };

function resolveSource(options: AcquireOptions): Source {
  const mirror = options.mirror ?? readEnv(MIRROR_ENV);
  if (mirror === undefined) return { kind: 'url', base: options.baseUrl };
  if (/^https?:\/\//i.test(mirror)) return { kind: 'url', base: mirror };
  return { kind: 'dir', path: mirror };
}

/** The verified bytes of each file, and how to cache the ones that were fetched. */
export interface AcquiredFiles {
  readonly files: ReadonlyMap<string, Uint8Array>;
  /**
   * Writes the freshly fetched files into the cache. Call it once the files
   * have been parsed and processed together, so that files which verify one by
   * one but not as a set (possible only without checksums) never get cached.
   */
  commit(): Promise<void>;
}

/** Downloads (or reads from cache) every file of `specs`, verified, by file name. */
export async function acquireRawFiles(specs: readonly RawFileSpec[], options: AcquireOptions): Promise<AcquiredFiles> {
  const source = resolveSource(options);
  const timeouts = resolveDownloadTimeouts(options.timeouts);
  const node = isNode();
  if (source.kind === 'dir' && !node) {
    throw new DatasetError(`a mirror folder ('${source.path}') needs Node.js; in a browser use an http(s) mirror`);
  }
  const fsStore = node ? await import('../node/fs_store.js') : undefined;
  const warn = warnOncePerCode(options.onWarning ?? defaultWarningReporter());
  let store: RawFileStore | undefined;
  if (fsStore !== undefined && options.cache !== false) {
    const named = fsStore.namedDataRoot(options.root);
    if (named !== undefined) await fsStore.ensureDataRoot(named);
    store = await fsStore.openRawFileStore(fsStore.rawDir(options.collection, options.name, options.root));
  }
  const onProgress = options.onProgress ?? defaultProgressReporter();

  const out = new Map<string, Uint8Array>();
  const fresh: [string, Uint8Array][] = [];
  for (const spec of specs) {
    const cached = await readCached(store, spec.file, warn);
    if (cached !== undefined) {
      if ((await verificationError(cached, spec)) === undefined) {
        out.set(spec.file, cached);
        continue;
      }
      await store?.remove(spec.file).catch(() => undefined);
    }
    const bytes =
      source.kind === 'url'
        ? await fetchBytes(`${source.base.replace(/\/+$/, '')}/${spec.file}`, spec.file, onProgress, timeouts)
        : await fsStore!.readMirrorFile(source.path, spec.file);
    if (source.kind === 'dir') onProgress?.({ file: spec.file, received: bytes.length, total: bytes.length });
    const problem = await verificationError(bytes, spec);
    if (problem !== undefined) {
      const from = source.kind === 'url' ? source.base : source.path;
      throw new DatasetError(`the copy from ${from} failed verification: ${problem}`, spec.file);
    }
    fresh.push([spec.file, bytes]);
    out.set(spec.file, bytes);
  }
  return {
    files: out,
    async commit() {
      if (store === undefined) return;
      for (const [file, bytes] of fresh) {
        try {
          await store.write(file, bytes);
        } catch (error) {
          // The data is read and verified: an unwritable cache costs a new download next time, not this load.
          const reason = error instanceof DatasetError ? error.message.replace(`${file}: `, '') : String(error);
          warn({
            code: 'cache-not-written',
            path: store.dir,
            message: `${options.name}: ${reason}; the data was loaded and verified, and will be fetched again next time`,
          });
          return;
        }
      }
    },
  };
}

/** The cached copy of `file`, or `undefined` when there is none or it cannot be read (with a warning). */
async function readCached(store: RawFileStore | undefined, file: string, warn: WarningCallback): Promise<Uint8Array | undefined> {
  if (store === undefined) return undefined;
  try {
    return await store.read(file);
  } catch (error) {
    warn({ code: 'cache-not-read', path: store.dir, message: `${error instanceof Error ? error.message : String(error)}; fetching it again` });
    return undefined;
  }
}

async function verificationError(bytes: Uint8Array, spec: RawFileSpec): Promise<string | undefined> {
  if (spec.checksum === null) {
    try {
      spec.checkStructure(bytes);
      return undefined;
    } catch (error) {
      // The outer error names the file already.
      if (error instanceof DatasetError) return error.message.replace(`${spec.file}: `, '');
      throw error;
    }
  }
  if (bytes.length !== spec.checksum.bytes) return `size is ${bytes.length} bytes, expected ${spec.checksum.bytes}`;
  const actual = await sha256Hex(bytes);
  if (actual !== spec.checksum.sha256) return `SHA-256 is ${actual}, expected ${spec.checksum.sha256}`;
  return undefined;
}
