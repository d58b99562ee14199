import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { FixtureError, parseFixture, type PygFixture } from './fixture.js';

/** A fixture file: its parsed fixture, or why it could not be read. */
export type NamedFixture =
  | { name: string; file: string; fixture: PygFixture; error?: undefined }
  | { name: string; file: string; fixture?: undefined; error: string };

/**
 * Reads every `*.json` of `dir` except `index.json`, sorted by name. A file
 * that is not a readable fixture comes back with its `error` (never
 * dropped), so that a runner reports it as a failure.
 */
export async function loadFixtureDir(dir: string): Promise<NamedFixture[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
  return Promise.all(
    files.map(async (f): Promise<NamedFixture> => {
      const file = path.join(dir, f);
      const name = f.replace(/\.json$/, '');
      try {
        return { name, file, fixture: parseFixture(await readFile(file, 'utf8'), f) };
      } catch (error) {
        if (error instanceof FixtureError) return { name, file, error: error.message };
        return { name, file, error: `${f}: ${String(error)}` };
      }
    }),
  );
}
