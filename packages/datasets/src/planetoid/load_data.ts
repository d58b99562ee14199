/**
 * Downloads (or reads from cache or a mirror), verifies, parses and splits a
 * Planetoid dataset into plain typed arrays.
 */
import { acquireRawFiles, type RawFileChecksum } from '../download/acquire.js';
import type { DownloadTimeouts } from '../download/http.js';
import type { ProgressCallback } from '../download/progress.js';
import type { WarningCallback } from '../download/warnings.js';
import { PLANETOID_CHECKSUMS } from './checksums.js';
import { PLANETOID_PARTS, canonicalPlanetoidName, rawFileName } from './names.js';
import { parsePlanetoidFiles, parsePlanetoidPart } from './parse.js';
import type { PlanetoidData } from './planetoid_data.js';
import { applyPlanetoidSplit, checkPlanetoidSplit, type PlanetoidSplitOptions } from './split.js';

/** PyG's download location of the raw Planetoid files. */
export const PLANETOID_URL = 'https://github.com/kimiyoung/planetoid/raw/master/data';

/** Where to get the raw files and how to split them. */
export interface PlanetoidDataOptions extends PlanetoidSplitOptions {
  /**
   * Cache folder root: files go to `<root>/<Name>/raw`. Default:
   * `$GNNJS_DATA_ROOT/planetoid/<Name>/raw`, else
   * `${XDG_CACHE_HOME:-~/.cache}/gnnjs/planetoid/<Name>/raw` (Node only).
   */
  readonly root?: string | undefined;
  /**
   * Get the raw files from here instead of GitHub: a folder, a `file:` URL or
   * an http(s) base URL. Default: `$GNNJS_DATASETS_MIRROR`, else PyG's URL.
   */
  readonly mirror?: string | undefined;
  /** Download progress per file; default: a progress line on stderr when it is a terminal. */
  readonly onProgress?: ProgressCallback | undefined;
  /** `false` skips the file-system cache. */
  readonly cache?: boolean | undefined;
  /**
   * Problems that do not stop the load, at most one per kind: a cache that
   * cannot be written (the data is returned; it is fetched again next time)
   * or read. Default: Node's `process.emitWarning` (type `GnnjsDatasetWarning`).
   */
  readonly onWarning?: WarningCallback | undefined;
  /**
   * Overrides entries of the checksum table by file name; `null` means
   * "check by structure only" (as PubMed's entries are by default).
   */
  readonly checksums?: Readonly<Record<string, RawFileChecksum | null>> | undefined;
  /**
   * Limits of each HTTP download, in milliseconds: `connectMs` until the
   * response arrives (default 30 000), `idleMs` between two pieces of the body
   * (default 30 000), `totalMs` for the whole file (default 600 000). One that
   * runs out is a `DownloadTimeoutError` naming the URL.
   */
  readonly timeouts?: DownloadTimeouts | undefined;
}

/**
 * Loads a Planetoid dataset (`Cora`, `CiteSeer`, `PubMed`, any case) as typed arrays.
 *
 * @example
 * ```ts
 * const cora = await loadPlanetoidData('cora', { mirror: '/data/planetoid' });
 * cora.numNodes; // 2708
 * ```
 */
export async function loadPlanetoidData(name: string, options: PlanetoidDataOptions = {}): Promise<PlanetoidData> {
  const canonical = canonicalPlanetoidName(name);
  checkPlanetoidSplit(options.split);
  const specs = PLANETOID_PARTS.map((part) => {
    const file = rawFileName(canonical, part);
    const override = options.checksums;
    const checksum = override !== undefined && Object.hasOwn(override, file) ? override[file]! : (PLANETOID_CHECKSUMS[file] ?? null);
    return { file, checksum, checkStructure: (bytes: Uint8Array) => void parsePlanetoidPart(part, bytes, file) };
  });
  const acquired = await acquireRawFiles(specs, {
    collection: 'planetoid',
    name: canonical,
    baseUrl: PLANETOID_URL,
    root: options.root,
    mirror: options.mirror,
    onProgress: options.onProgress,
    cache: options.cache,
    onWarning: options.onWarning,
    timeouts: options.timeouts,
  });
  const data = parsePlanetoidFiles(canonical, acquired.files);
  await acquired.commit();
  return applyPlanetoidSplit(data, options);
}
