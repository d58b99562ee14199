import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GnnError } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { listFiles, makeMirror } from '../testing/mirror_copy.js';
import { PLANETOID_MIRROR, tempDir } from '../testing/paths.js';
import { loadPlanetoidData } from './load_data.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
let cache: string;
beforeEach(async () => {
  tmp = await tempDir('verify');
  cache = join(tmp.dir, 'cache');
});
afterEach(async () => {
  await tmp.cleanup();
});

async function original(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(PLANETOID_MIRROR, file)));
}

async function loadError(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  expect(error).toBeInstanceOf(GnnError);
  expect((error as DatasetError).name).toBe('DatasetError');
  return error as DatasetError;
}

describe('Planetoid verification', () => {
  it('refuses a tampered file (wrong checksum) and caches nothing', async () => {
    const tampered = (await original('ind.cora.graph')).slice();
    tampered[100] ^= 1;
    const mirror = await makeMirror(join(tmp.dir, 'mirror'), 'cora', { 'ind.cora.graph': tampered });
    const error = await loadError(loadPlanetoidData('Cora', { mirror, root: cache }));
    expect(error.file).toBe('ind.cora.graph');
    expect(error.message).toMatch(/SHA-256 is [0-9a-f]{64}, expected 58f13302/);
    expect(await listFiles(cache)).toEqual([]);
  });

  it('refuses a truncated file by size before hashing', async () => {
    const mirror = await makeMirror(join(tmp.dir, 'mirror'), 'cora', { 'ind.cora.x': (await original('ind.cora.x')).subarray(0, 5000) });
    const error = await loadError(loadPlanetoidData('Cora', { mirror, root: cache }));
    expect(error.file).toBe('ind.cora.x');
    expect(error.message).toMatch(/size is 5000 bytes, expected 22119/);
    expect(await listFiles(cache)).toEqual([]);
  });

  it('refuses a truncated pickle when only the structure is checked', async () => {
    const mirror = await makeMirror(join(tmp.dir, 'mirror'), 'cora', { 'ind.cora.allx': (await original('ind.cora.allx')).subarray(0, 100_000) });
    const error = await loadError(loadPlanetoidData('Cora', { mirror, root: cache, checksums: { 'ind.cora.allx': null } }));
    expect(error.file).toBe('ind.cora.allx');
    expect(error.message).toMatch(/truncated/);
    expect(await listFiles(cache)).toEqual([]);
  });

  it('refuses garbage bytes when only the structure is checked', async () => {
    const garbage = Uint8Array.from({ length: 4054 }, (_, i) => (i * 7919) % 256);
    const mirror = await makeMirror(join(tmp.dir, 'mirror'), 'cora', { 'ind.cora.y': garbage });
    const error = await loadError(loadPlanetoidData('Cora', { mirror, root: cache, checksums: { 'ind.cora.y': null } }));
    expect(error.file).toBe('ind.cora.y');
    expect(error.message).toMatch(/invalid pickle/);
    expect(await listFiles(cache)).toEqual([]);
  });

  it('refuses a garbage test index', async () => {
    const mirror = await makeMirror(join(tmp.dir, 'mirror'), 'cora', { 'ind.cora.test.index': new TextEncoder().encode('12\nabc\n') });
    const error = await loadError(loadPlanetoidData('Cora', { mirror, root: cache, checksums: { 'ind.cora.test.index': null } }));
    expect(error.file).toBe('ind.cora.test.index');
    expect(await listFiles(cache)).toEqual([]);
  });

  it('does not cache files that parse alone but not together (no checksums)', async () => {
    // ind.cora.y from CiteSeer: a valid pickle, but with 6 classes instead of 7.
    const mirror = await makeMirror(join(tmp.dir, 'mirror'), 'cora', { 'ind.cora.y': await original('ind.citeseer.y') });
    const error = await loadError(loadPlanetoidData('Cora', { mirror, root: cache, checksums: { 'ind.cora.y': null } }));
    expect(error.message).toMatch(/label widths differ/);
    expect(await listFiles(cache)).toEqual([]);
  });

  it('replaces a corrupt cached file with a verified copy', async () => {
    const raw = join(cache, 'Cora', 'raw');
    await mkdir(raw, { recursive: true });
    await writeFile(join(raw, 'ind.cora.ty'), 'not a pickle');
    const data = await loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root: cache });
    expect(data.numNodes).toBe(2708);
    expect(new Uint8Array(await readFile(join(raw, 'ind.cora.ty')))).toEqual(await original('ind.cora.ty'));
    expect((await listFiles(raw)).length).toBe(8);
  });

  it('uses the cache without the mirror once it is filled', async () => {
    await loadPlanetoidData('Cora', { mirror: PLANETOID_MIRROR, root: cache });
    const data = await loadPlanetoidData('Cora', { mirror: join(tmp.dir, 'no-such-mirror'), root: cache });
    expect(data.numEdges).toBe(10556);
  });

  it('names a missing mirror file', async () => {
    const error = await loadError(loadPlanetoidData('Cora', { mirror: join(tmp.dir, 'empty'), root: cache }));
    expect(error.file).toBe('ind.cora.x');
    expect(error.message).toMatch(/not found/);
  });

  it('accepts a file: URL mirror and refuses unknown names', async () => {
    const data = await loadPlanetoidData('cora', { mirror: `file://${PLANETOID_MIRROR}`, cache: false });
    expect(data.numNodes).toBe(2708);
    await expect(loadPlanetoidData('Reddit')).rejects.toThrow(/unknown Planetoid dataset 'Reddit'/);
  });
});

describe('Planetoid options', () => {
  it('refuses an unknown split before touching the network or the cache', async () => {
    await expect(loadPlanetoidData('Cora', { split: 'geom-gcn' as 'public', mirror: 'http://127.0.0.1:9', root: '/nonexistent' })).rejects.toThrow(
      /unknown split 'geom-gcn'/,
    );
  });
});
