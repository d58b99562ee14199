import { mkdir, readdir, readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isAtomicTemp, writeFileAtomic } from '@gnnjs/train/node';
import { UsageError } from '../cli_error.js';
import { isLockFile, lockRunFolder, removeStaleStagedLocks } from './run_lock.js';

/** The file that marks a folder as a `gnnjs train` run and says of which configuration. */
export const RUN_MANIFEST = 'gnnjs-run.json';

/** Files a run writes into its folder or a `seed-<n>/` subfolder (and may remove when stale). */
const RUN_FILES = new Set(['metrics.json', 'history.csv', 'history.svg', 'config.json', 'weights.json', 'attention.json']);
const SEED_DIR = /^seed-\d+$/;

/** What makes two runs "the same": their outputs are comparable and may replace each other. */
export interface RunIdentity {
  dataset: string;
  model: string;
  /** `gnnjs train --recipe` (runs of folders written before recipes have none). */
  recipe?: string;
  hyperParameters: object;
  seed: number;
  runs: number;
}

interface RunManifest {
  format: 'gnnjs-run';
  version: 1;
  identity: RunIdentity;
  /** Paths relative to the folder, `/`-separated. */
  files: string[];
}

/** A locked run folder that a run writes into. */
export interface RunFolder {
  readonly dir: string;
  /** Writes `relative` (parents made) by temp file + rename. */
  write(relative: string, data: string): Promise<void>;
  /** Frees the lock. */
  release(): Promise<void>;
}

/**
 * Prepares `dir` for a run that will write `files` (relative paths):
 * takes its lock (another `gnnjs train` writing there fails at once), then
 * accepts the folder if it is empty or holds a run of the same
 * configuration, and otherwise refuses with a {@link UsageError} unless
 * `overwrite`. Files of an earlier run that this run does not produce (a GAT
 * run's `attention.json` before a GCN run, `seed-*` folders of more runs)
 * and temporary files of an interrupted write are removed; files gnnjs did
 * not write are never removed.
 *
 * @example
 * ```ts
 * const folder = await claimRunFolder('runs/cora', identity, ['metrics.json', 'history.csv'], { overwrite: false });
 * try { await folder.write('metrics.json', text); } finally { await folder.release(); }
 * ```
 */
export async function claimRunFolder(dir: string, identity: RunIdentity, files: readonly string[], options: { overwrite: boolean }): Promise<RunFolder> {
  await mkdir(dir, { recursive: true });
  const release = await lockRunFolder(dir);
  try {
    const existing = await listTree(dir);
    const previous = await readManifest(dir, existing);
    const foreign = existing.filter((p) => !isRunFile(p) && !isAtomicTemp(p) && p !== RUN_MANIFEST && !isLockFile(p));
    const sameRun = previous !== undefined && JSON.stringify(previous.identity) === JSON.stringify(identity);
    if (!options.overwrite && existing.some((p) => !isAtomicTemp(p) && !isLockFile(p))) {
      if (foreign.length > 0) {
        throw new UsageError(`--out ${dir} holds files gnnjs train did not write (${preview(foreign)}); choose an empty folder, or pass --overwrite to write beside them`);
      }
      if (!sameRun) {
        const what =
          previous === undefined ? 'an earlier run whose configuration is unknown' : `a run of another configuration (${differences(previous.identity, identity)})`;
        throw new UsageError(`--out ${dir} holds ${what}; pass --overwrite to replace it, or choose another folder`);
      }
    }
    // Holding the lock, every temporary file here is an orphan of a killed writer.
    const keep = new Set(files);
    for (const p of existing) {
      if ((isRunFile(p) && !keep.has(p)) || isAtomicTemp(p)) await unlink(join(dir, p)).catch(() => undefined);
    }
    await removeEmptySeedDirs(dir);
    await removeStaleStagedLocks(dir);
    const manifest: RunManifest = { format: 'gnnjs-run', version: 1, identity, files: [...files] };
    await writeFileAtomic(join(dir, RUN_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (err) {
    await release();
    throw err;
  }
  return {
    dir,
    write: async (relative, data) => {
      const path = join(dir, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, data);
    },
    release,
  };
}

function isRunFile(relative: string): boolean {
  const parts = relative.split('/');
  if (parts.length === 1) return RUN_FILES.has(parts[0]!);
  return parts.length === 2 && SEED_DIR.test(parts[0]!) && RUN_FILES.has(parts[1]!);
}

/** Every file below `dir` (two levels: the run and its `seed-*` folders), as relative paths. */
async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const inner = await readdir(join(dir, entry.name));
      if (inner.length === 0 && SEED_DIR.test(entry.name)) continue;
      out.push(...(inner.length === 0 ? [`${entry.name}/`] : inner.map((n) => `${entry.name}/${n}`)));
    } else {
      out.push(entry.name);
    }
  }
  return out;
}

async function readManifest(dir: string, existing: readonly string[]): Promise<RunManifest | undefined> {
  if (!existing.includes(RUN_MANIFEST)) return undefined;
  try {
    const raw = JSON.parse(await readFile(join(dir, RUN_MANIFEST), 'utf8')) as Partial<RunManifest>;
    return raw.format === 'gnnjs-run' && raw.version === 1 && typeof raw.identity === 'object' ? (raw as RunManifest) : undefined;
  } catch {
    return undefined;
  }
}

async function removeEmptySeedDirs(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !SEED_DIR.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if ((await readdir(path)).length === 0 && (await stat(path)).isDirectory()) await rmdir(path).catch(() => undefined);
  }
}

/** What differs between two identities, e.g. `model gat, not gcn; hyperParameters.epochs 30, not 20`. */
function differences(before: RunIdentity, now: RunIdentity): string {
  const flat = (o: object, prefix = ''): Map<string, string> =>
    new Map(
      Object.entries(o).flatMap(([k, v]): Array<[string, string]> =>
        typeof v === 'object' && v !== null ? [...flat(v as object, `${prefix}${k}.`)] : [[`${prefix}${k}`, JSON.stringify(v)]],
      ),
    );
  const a = flat(before);
  const b = flat(now);
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  return keys.map((k) => `${k} ${a.get(k) ?? 'unset'}, not ${b.get(k) ?? 'unset'}`).join('; ');
}

function preview(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}
