import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';

/** The suffix of {@link writeFileAtomic}'s temporary files (`<name>.<pid>.<random>.tmp`). */
export const TEMP_SUFFIX = '.tmp';

/**
 * Whether a file name is a temporary file {@link writeFileAtomic} left behind (a killed writer).
 *
 * @example
 * ```ts
 * for (const name of await readdir(dir)) if (isAtomicTemp(name)) await unlink(join(dir, name));
 * ```
 */
export function isAtomicTemp(name: string): boolean {
  return /\.\d+\.[0-9a-f]{12}\.tmp$/.test(name);
}

/**
 * Writes `data` to `path` by way of a temporary file in the same folder,
 * flushed to disk, then renamed over `path`: readers see the old file or the
 * new one, never a part, and a killed process leaves at most a `*.tmp` file.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out/metrics.json', JSON.stringify(metrics));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
