/**
 * File-system steps with a bound: each one settles (or fails with a
 * `DatasetError` naming its path) within {@link FS_STEP_TIMEOUT_MS}, and
 * folders are created one level at a time.
 *
 * Why not `mkdir(dir, { recursive: true })`: on Node 20 it never settles for
 * a path whose parent exists but refuses new entries with ENOENT (`/proc/x`):
 * libuv retries the parent forever at 100 % CPU, and the pending request
 * keeps the process alive even after a timeout. Creating each missing level
 * with a plain `mkdir` fails at once there instead.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DatasetError } from '../errors.js';

/** The longest one file-system step (a read, a write, a rename, a folder) may take. */
export const FS_STEP_TIMEOUT_MS = 30_000;

/**
 * `promise`, or a `DatasetError` naming `path` when it has not settled within
 * `ms` (the step may still be running; its result is dropped).
 */
export async function bounded<T>(promise: Promise<T>, step: string, path: string, ms: number = FS_STEP_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatasetError(`${step} ${path} did not finish within ${ms / 1000} s (a hung or very slow file system?)`)), ms);
    // The timer alone never keeps the process alive.
    timer.unref?.();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates `dir` and its missing parents, one level at a time, each step
 * bounded; a `DatasetError` naming the level that cannot be created (or that
 * is not a folder) otherwise.
 */
export async function makeDirectory(dir: string, ms: number = FS_STEP_TIMEOUT_MS): Promise<void> {
  const missing: string[] = [];
  for (let level = resolve(dir); ; level = dirname(level)) {
    const kind = await entryKind(level, ms);
    if (kind === 'folder') break;
    if (kind === 'other') throw new DatasetError(`${level} exists and is not a folder`);
    missing.push(level);
    if (dirname(level) === level) break;
  }
  for (const level of missing.reverse()) {
    try {
      await bounded(mkdir(level), 'creating the folder', level, ms);
    } catch (error) {
      if (errorCode(error) === 'EEXIST' && (await entryKind(level, ms)) === 'folder') continue;
      if (error instanceof DatasetError) throw error;
      throw new DatasetError(`cannot create ${level} (${describeFsError(error)})`);
    }
  }
}

async function entryKind(path: string, ms: number): Promise<'folder' | 'other' | 'missing'> {
  try {
    return (await bounded(stat(path), 'checking', path, ms)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = errorCode(error);
    // ENOTDIR: a level above is a file; the walk up names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(`cannot check ${path}: ${describeFsError(error)}`);
  }
}

/** The `code` of a Node file-system error (`ENOENT`, `EACCES`, ...), if any. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** A short reason for a file-system error: its code and message without the repeated path. */
export function describeFsError(error: unknown): string {
  if (error instanceof DatasetError) return error.message;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined ? message : `${code}: ${message.replace(/^[A-Z]+: /, '')}`;
}
