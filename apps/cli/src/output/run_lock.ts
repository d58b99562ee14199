import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';

/** The lock file of a run folder: only one `gnnjs train` writes into a folder at a time. */
export const LOCK_FILE = '.gnnjs-train.lock';

/** Another `gnnjs train` is writing into the same `--out` folder. */
export class OutputFolderError extends Error {
  override readonly name = 'OutputFolderError';
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes `dir`'s lock or fails at once with {@link OutputFolderError} naming
 * the process that holds it (no waiting: a training may hold it for hours).
 * A lock left by a process that no longer runs on this host (killed) is taken
 * over. The lock file is created whole in one step (a hard link of a
 * finished file), so no reader ever sees it half-written.
 *
 * @example
 * ```ts
 * const release = await lockRunFolder('out');
 * try { ... } finally { await release(); }
 * ```
 */
export async function lockRunFolder(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  // Private to this process until linked, so no temp-and-rename is needed.
  const staged = `${path}.${process.pid}`;
  await writeFile(staged, `${JSON.stringify(owner)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(staged, path);
        return async () => {
          await unlink(path).catch(() => undefined);
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let holder = await readOwner(path);
      if (holder !== undefined && !isAlive(holder)) {
        // Its process is gone (killed). Move it aside first: if another process
        // took it over meanwhile, what we moved is a live lock and goes back.
        const aside = `${path}.stale.${process.pid}`;
        try {
          await rename(path, aside);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        holder = await readOwner(aside);
        if (holder === undefined || !isAlive(holder)) {
          await unlink(aside).catch(() => undefined);
          continue;
        }
        await link(aside, path).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
      }
      const who = holder === undefined ? 'another process' : `process ${holder.pid} on ${holder.host}, since ${holder.since}`;
      throw new OutputFolderError(`${dir} is being written by another gnnjs train (${who}); wait for it to finish, or choose another --out (lock file ${path})`);
    }
    throw new OutputFolderError(`${dir}: could not take the lock ${path}`);
  } finally {
    await unlink(staged).catch(() => undefined);
  }
}

/** Whether `name` is a lock file or one staged by {@link lockRunFolder}. */
export function isLockFile(name: string): boolean {
  return name === LOCK_FILE || STAGED.test(name);
}

const STAGED = /^\.gnnjs-train\.lock\.(?:stale\.)?(\d+)$/;

/** Removes locks staged by processes that were killed before they could (call while holding the lock). */
export async function removeStaleStagedLocks(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = STAGED.exec(name)?.[1];
    if (pid !== undefined && !isAlive({ pid: Number(pid), host: hostname(), since: '' })) await unlink(join(dir, name)).catch(() => undefined);
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const raw = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof raw.pid === 'number' && typeof raw.host === 'string' && typeof raw.since === 'string') return raw as LockOwner;
  } catch {
    // Unreadable: treat as held by someone we cannot name.
  }
  return undefined;
}

function isAlive(owner: LockOwner): boolean {
  // Another machine's process (a shared folder) cannot be checked: assume alive.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
