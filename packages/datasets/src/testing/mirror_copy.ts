/** Builds throw-away mirror folders (in temp dirs) from the shared Planetoid files. */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLANETOID_MIRROR } from './paths.js';

/** Copies `ind.<prefix>.*` into `dir`, then overwrites the files in `replace`. */
export async function makeMirror(dir: string, prefix: string, replace: Record<string, Uint8Array> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const file of await readdir(PLANETOID_MIRROR)) {
    if (file.startsWith(`ind.${prefix}.`)) await copyFile(join(PLANETOID_MIRROR, file), join(dir, file));
  }
  for (const [file, bytes] of Object.entries(replace)) await writeFile(join(dir, file), bytes);
  return dir;
}

/** Every file (including hidden temp files) below `dir`, relative; `[]` if it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
  } catch {
    return [];
  }
}
