import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PygFixture } from './fixture.js';

/** A fixture with the file it came from. */
export interface NamedFixture {
  name: string;
  file: string;
  fixture: PygFixture;
}

/** Reads every `*.json` of `dir` except `index.json`, sorted by name. */
export async function loadFixtureDir(dir: string): Promise<NamedFixture[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
  return Promise.all(
    files.map(async (f) => {
      const file = path.join(dir, f);
      const fixture = JSON.parse(await readFile(file, 'utf8')) as PygFixture;
      return { name: f.replace(/\.json$/, ''), file, fixture };
    }),
  );
}
